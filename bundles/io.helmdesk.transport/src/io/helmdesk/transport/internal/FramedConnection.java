package io.helmdesk.transport.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.transport.Connection;
import io.helmdesk.transport.ConnectionHandler;

/**
 * What every connection does whatever moves its bytes: its life (handshake, open, closing, closed), the messages it
 * receives (heartbeats answered, an error or a bye closes it), the frames it sends (encoded on the sending thread,
 * queued against a limit), the handler's calls and the timeouts. The handler sees {@code opened} once the TLS
 * handshake finished, and {@code closed} only after {@code opened}. Subclasses move the bytes: {@link MinaConnection}
 * on a MINA session (clients), {@link NioConnection} on a selector (the server).
 */
public abstract class FramedConnection implements Connection {

    /** How long {@link #close(String)} waits for queued frames to leave before it closes anyway. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    /** The peer's limit is not known; the protocol's ceiling bounds what is encoded. */
    private static final FrameEncoder ENCODER = new FrameEncoder(Frame.MAX_PAYLOAD_CEILING);

    private static final Logger LOGGER = LoggerFactory.getLogger(FramedConnection.class);

    /** The state without an {@code AtomicReference} per connection: the server holds tens of thousands. */
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(FramedConnection.class, "state", State.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    protected enum State {
        HANDSHAKING, OPEN, CLOSING, CLOSED
    }

    private final String id;
    private final InetSocketAddress remoteAddress;
    private final ConnectionHandler handler;
    private final InboundFrames inbound;
    private final long createdNanos = System.nanoTime();
    private volatile State state = State.HANDSHAKING;
    private volatile long lastReceivedNanos = createdNanos;
    private volatile boolean opened;
    private volatile String closeReason;
    private volatile Object attachment;

    /** @param maxPayloadLength the frame limit until the application changes it */
    protected FramedConnection(String id, InetSocketAddress remoteAddress, ConnectionHandler handler,
            int maxPayloadLength) {
        this.id = id;
        this.remoteAddress = remoteAddress;
        this.handler = Objects.requireNonNull(handler, "handler");
        this.inbound = new InboundFrames(maxPayloadLength);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean send(Message message) {
        Objects.requireNonNull(message, "message");
        if (state != State.OPEN) {
            return false;
        }
        ByteBuffer frame = ByteBuffer.wrap(ENCODER.encode(MessageCodec.encode(message)));
        if (enqueue(frame)) {
            return true;
        }
        if (state == State.OPEN) {
            LOGGER.info("Closing connection {} from {}: the peer does not read ({} bytes queued, {} more refused)", id,
                    remoteAddress, queuedBytes(), frame.remaining());
            abort(Reasons.SLOW_PEER);
        }
        return false;
    }

    @Override
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (beginClosing(reason)) {
            LOGGER.debug("Closing connection {} with {}: {}", id, remoteAddress, reason);
            closeGracefully();
        }
    }

    @Override
    public boolean isOpen() {
        return state == State.OPEN;
    }

    @Override
    public void maxPayloadLength(int bytes) {
        inbound.maxPayloadLength(bytes);
    }

    @Override
    public Object attachment() {
        return attachment;
    }

    @Override
    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    /**
     * Queues an encoded frame for the peer and sees that it is written.
     *
     * @return {@code false} when the queue is full (or closed): nothing was queued
     */
    protected abstract boolean enqueue(ByteBuffer frame);

    /** Writes what is queued, then closes; at once after {@link #CLOSE_GRACE} whatever is left. */
    protected abstract void closeGracefully();

    /** Drops what is queued and closes the socket now; {@link #closed()} follows once it is closed. */
    protected abstract void closeNow();

    /** Reads nothing more from the peer (its stream is out of step after a protocol error). */
    protected abstract void stopReading();

    /** The connection is closed: free what it holds. Called once, before the handler is told. */
    protected void released(String reason) {
    }

    /** The handler saw {@code opened}; a client's connect may return now. */
    protected void afterOpened() {
    }

    /** Runs last, once the connection is closed and the handler was told. */
    protected void afterClosed() {
    }

    protected final State state() {
        return state;
    }

    /** When the last bytes arrived from the peer (or the handshake finished), in {@link System#nanoTime()}. */
    final long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Closes at once, dropping what is queued. The first reason given to a close is the one reported. */
    final void abort(String reason) {
        beginClosing(reason);
        closeNow();
    }

    /** The TLS handshake finished (the engine said so, or the first decrypted bytes came, whichever is first). */
    final void secured() {
        if (!STATE.compareAndSet(this, State.HANDSHAKING, State.OPEN)) {
            return;
        }
        lastReceivedNanos = System.nanoTime();
        opened = true;
        try {
            handler.opened(this);
        } catch (RuntimeException e) {
            handlerFailed("opened", e);
        }
        // Only now may a connect return: a caller that sends at once finds the handler ready for it.
        afterOpened();
    }

    /** Bytes came from the peer: the read idle timeout starts again. */
    private void heard() {
        lastReceivedNanos = System.nanoTime();
    }

    /** Decrypted bytes arrived; each complete message goes to {@code next} (and on to {@link #dispatch}). */
    final void received(ByteBuffer bytes, Consumer<Message> next) {
        heard();
        secured();
        if (state != State.OPEN) {
            return;
        }
        try {
            inbound.decode(bytes, message -> {
                next.accept(message);
                return state == State.OPEN;
            });
        } catch (ProtocolException e) {
            protocolError(e);
        }
    }

    /** A decoded message, to be answered (heartbeats) and handed to the handler. */
    final void dispatch(Message message) {
        if (state != State.OPEN) {
            return;
        }
        switch (message) {
            case Heartbeat heartbeat -> {
                if (send(heartbeat.ack())) { // refused: the connection closes as a slow peer
                    deliver(message);
                }
            }
            case ErrorMessage error -> {
                LOGGER.debug("Connection {} with {}: the peer reports {}: {}", id, remoteAddress, error.code(),
                        error.message());
                deliver(message);
                close(Reasons.PEER_ERROR + error.code() + ": " + error.message());
            }
            case Bye bye -> {
                deliver(message);
                close(Reasons.PEER_BYE + bye.reason() + (bye.message().isEmpty() ? "" : ": " + bye.message()));
            }
            default -> deliver(message);
        }
    }

    /** A failure: TLS, I/O, or a bug. */
    void failed(Throwable failure) {
        String reason = Reasons.of(failure);
        if (Reasons.isPeerOrNetwork(failure)) {
            LOGGER.debug("Connection {} with {}: {}", id, remoteAddress, reason);
        } else {
            LOGGER.warn("Connection {} with {} failed; closing it", id, remoteAddress, failure);
        }
        abort(reason);
    }

    /** The socket is closed: tells the handler (if it saw the connection open) and frees the rest. */
    final void closed() {
        State previous = (State) STATE.getAndSet(this, State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        String reason = closeReason != null ? closeReason : Reasons.PEER_CLOSED;
        closeReason = reason;
        try {
            released(reason);
            if (opened) {
                handler.closed(this, reason);
            }
        } catch (RuntimeException e) {
            LOGGER.warn("The connection handler failed in closed() for connection {}", id, e);
        } finally {
            afterClosed();
        }
    }

    /**
     * Closes a connection still in its handshake with this reason.
     *
     * @return {@code false} when the handshake finished first (or the connection closed for another reason)
     */
    final boolean failHandshake(String reason) {
        if (!STATE.compareAndSet(this, State.HANDSHAKING, State.CLOSING)) {
            return false;
        }
        closeReason = reason;
        closeNow();
        return true;
    }

    /** Closes a connection still in its handshake that has not finished within the timeout. */
    final void checkHandshake(long nowNanos, long timeoutNanos) {
        if (state == State.HANDSHAKING && nowNanos - createdNanos > timeoutNanos
                && failHandshake(Reasons.HANDSHAKE_TIMEOUT)) {
            LOGGER.debug("Connection {} from {}: no TLS handshake within {} ms, dropped", id, remoteAddress,
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        }
    }

    /** Closes an open connection from which nothing arrived for longer than {@code timeoutNanos}. */
    final void checkSilence(long nowNanos, long timeoutNanos, String reason) {
        if (state == State.OPEN && nowNanos - lastReceivedNanos > timeoutNanos) {
            LOGGER.debug("Connection {} with {}: nothing received for {} ms ({})", id, remoteAddress,
                    TimeUnit.NANOSECONDS.toMillis(nowNanos - lastReceivedNanos), reason);
            abort(reason);
        }
    }

    private boolean beginClosing(String reason) {
        while (true) {
            State current = state;
            if (current == State.CLOSING || current == State.CLOSED) {
                return false;
            }
            if (STATE.compareAndSet(this, current, State.CLOSING)) {
                closeReason = reason;
                return true;
            }
        }
    }

    private void protocolError(ProtocolException e) {
        LOGGER.debug("Connection {} from {}: protocol error: {}", id, remoteAddress, e.getMessage());
        stopReading();
        send(ErrorMessage.of(e));
        close(Reasons.PROTOCOL_ERROR + e.getMessage());
    }

    private void deliver(Message message) {
        try {
            handler.received(this, message);
        } catch (RuntimeException e) {
            handlerFailed("received", e);
        }
    }

    private void handlerFailed(String callback, RuntimeException e) {
        LOGGER.warn("The connection handler failed in {}() for connection {}; closing it", callback, id, e);
        send(new ErrorMessage(ErrorCode.INTERNAL_ERROR, "The receiver failed to handle a message"));
        close(Reasons.INTERNAL_ERROR + "the handler failed in " + callback + "(): " + e);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id + ", " + remoteAddress + ", " + state + "]";
    }
}
