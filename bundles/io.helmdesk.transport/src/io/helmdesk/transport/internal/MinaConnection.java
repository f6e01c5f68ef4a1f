package io.helmdesk.transport.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteException;
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
 * A {@link Connection} on one MINA session: its life (handshake, open, closing, closed), the frames it receives and
 * the frames it queues. Kept as a session attribute; MINA's events reach it through {@link SessionEvents} and
 * {@link FrameFilter}. The handler sees {@code opened} once the TLS handshake finished, and {@code closed} only after
 * {@code opened}.
 */
public final class MinaConnection implements Connection {

    /** How long {@link #close(String)} waits for queued frames to leave before it closes anyway. */
    public static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private static final AttributeKey KEY = new AttributeKey(MinaConnection.class, "connection");

    /** The peer's limit is not known; the protocol's ceiling bounds what is encoded. */
    private static final FrameEncoder ENCODER = new FrameEncoder(Frame.MAX_PAYLOAD_CEILING);

    private enum State {
        HANDSHAKING, OPEN, CLOSING, CLOSED
    }

    private final Logger logger = LoggerFactory.getLogger(MinaConnection.class);
    private final IoSession session;
    private final String id;
    private final InetSocketAddress remoteAddress;
    private final ConnectionHandler handler;
    private final ScheduledExecutorService timer;
    private final Runnable afterClose;
    private final InboundFrames inbound;
    private final OutboundQueue outbound;
    private final CompletableFuture<MinaConnection> handshake = new CompletableFuture<>();
    private final AtomicReference<State> state = new AtomicReference<>(State.HANDSHAKING);
    private final long createdNanos = System.nanoTime();
    private volatile long lastReceivedNanos = createdNanos;
    private volatile boolean opened;
    private volatile String closeReason;
    private volatile Object attachment;
    private volatile ScheduledFuture<?> grace;

    /**
     * @param maxPayloadLength the frame limit until the application changes it
     * @param maxQueuedBytes what may be queued for the peer
     * @param timer runs the close grace period
     * @param afterClose runs once the session is closed and the handler was told (e.g. frees a client's threads)
     */
    public MinaConnection(IoSession session, ConnectionHandler handler, int maxPayloadLength, long maxQueuedBytes,
            ScheduledExecutorService timer, Runnable afterClose) {
        this.session = session;
        this.id = "c-" + session.getId();
        this.remoteAddress = (InetSocketAddress) session.getRemoteAddress();
        this.handler = Objects.requireNonNull(handler, "handler");
        this.timer = timer;
        this.afterClose = afterClose;
        this.inbound = new InboundFrames(maxPayloadLength);
        this.outbound = new OutboundQueue(maxQueuedBytes, session::write);
    }

    /** The connection kept with a session, or null before it was made. */
    public static MinaConnection of(IoSession session) {
        return (MinaConnection) session.getAttribute(KEY);
    }

    /** Keeps this connection with its session; call from {@code sessionCreated}. */
    void attachToSession() {
        session.setAttribute(KEY, this);
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
        if (state.get() != State.OPEN) {
            return false;
        }
        IoBuffer frame = IoBuffer.wrap(ENCODER.encode(MessageCodec.encode(message)));
        if (outbound.offer(frame)) {
            return true;
        }
        if (state.get() == State.OPEN) {
            logger.info("Closing connection {} from {}: the peer does not read ({} bytes queued, {} more refused)", id,
                    remoteAddress, outbound.queuedBytes(), frame.remaining());
            abort(Reasons.SLOW_PEER);
        }
        return false;
    }

    @Override
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (!beginClosing(reason)) {
            return;
        }
        logger.debug("Closing connection {} with {}: {}", id, remoteAddress, reason);
        try {
            grace = timer.schedule(() -> {
                logger.debug("Connection {}: queued frames did not leave within {} ms, closing now", id,
                        CLOSE_GRACE.toMillis());
                session.closeNow();
            }, CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            session.closeNow();
            return;
        }
        outbound.whenFlushed(session::closeOnFlush);
    }

    @Override
    public boolean isOpen() {
        return state.get() == State.OPEN;
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

    @Override
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /** Whether the queue for the peer is full: the next {@link #send} would close the connection. */
    boolean isQueueFull() {
        return outbound.isFull();
    }

    /** When the last bytes arrived from the peer (or the handshake finished), in {@link System#nanoTime()}. */
    long lastReceivedNanos() {
        return lastReceivedNanos;
    }

    /** Closes at once, dropping what is queued. The first reason given to a close is the one reported. */
    void abort(String reason) {
        beginClosing(reason);
        outbound.discard();
        session.closeNow();
    }

    /** The TLS handshake finished (MINA's event, or the first decrypted bytes, whichever comes first). */
    void secured() {
        if (!state.compareAndSet(State.HANDSHAKING, State.OPEN)) {
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
        handshake.complete(this);
    }

    /** Decrypted bytes arrived; each complete message goes to {@code next} (and on to {@link #dispatch}). */
    void received(ByteBuffer bytes, Consumer<Message> next) {
        lastReceivedNanos = System.nanoTime();
        secured();
        if (state.get() != State.OPEN) {
            return;
        }
        try {
            inbound.decode(bytes, message -> {
                next.accept(message);
                return state.get() == State.OPEN;
            });
        } catch (ProtocolException e) {
            protocolError(e);
        }
    }

    /** A message reached the end of the filter chain. */
    void dispatch(Message message) {
        if (state.get() != State.OPEN) {
            return;
        }
        switch (message) {
            case Heartbeat heartbeat -> {
                send(heartbeat.ack());
                deliver(message);
            }
            case ErrorMessage error -> {
                logger.debug("Connection {} with {}: the peer reports {}: {}", id, remoteAddress, error.code(),
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

    /** MINA wrote a frame to the socket. */
    void sent(Object message) {
        outbound.sent(message);
    }

    /** MINA reported a failure: TLS, I/O, or a bug. */
    void failed(Throwable failure) {
        handshake.completeExceptionally(failure);
        State current = state.get();
        if (failure instanceof WriteException && (current == State.CLOSING || current == State.CLOSED)) {
            // E.g. MINA's TLS filter writing its close_notify to a session that is already closed.
            logger.trace("Connection {}: a write after close was dropped: {}", id, failure.toString());
            return;
        }
        String reason = Reasons.of(failure);
        if (Reasons.isPeerOrNetwork(failure)) {
            logger.debug("Connection {} with {}: {}", id, remoteAddress, reason);
        } else {
            logger.warn("Connection {} with {} failed; closing it", id, remoteAddress, failure);
        }
        abort(reason);
    }

    /** The session is closed: tells the handler (if it saw the connection open) and frees the rest. */
    void closed() {
        State previous = state.getAndSet(State.CLOSED);
        if (previous == State.CLOSED) {
            return;
        }
        String reason = closeReason != null ? closeReason : Reasons.PEER_CLOSED;
        closeReason = reason;
        ScheduledFuture<?> pending = grace;
        if (pending != null) {
            pending.cancel(false);
        }
        outbound.discard();
        handshake.completeExceptionally(new IOException("The connection closed during the TLS handshake: " + reason));
        try {
            if (opened) {
                handler.closed(this, reason);
            }
        } catch (RuntimeException e) {
            logger.warn("The connection handler failed in closed() for connection {}", id, e);
        } finally {
            afterClose.run();
        }
    }

    /**
     * Closes a connection still in its handshake with this reason.
     *
     * @return {@code false} when the handshake finished first (or the connection closed for another reason)
     */
    boolean failHandshake(String reason) {
        if (!state.compareAndSet(State.HANDSHAKING, State.CLOSING)) {
            return false;
        }
        closeReason = reason;
        outbound.discard();
        session.closeNow();
        return true;
    }

    /**
     * Gives up a connection before its TLS started (a relay refused it): {@link #awaitHandshake} throws {@code why} as
     * it is.
     */
    void refuse(IOException why) {
        handshake.completeExceptionally(new Refused(why));
        failHandshake(why.getMessage());
    }

    /** Carries a refusal through the handshake future, to be told apart from failures of the handshake itself. */
    private static final class Refused extends Exception {

        private static final long serialVersionUID = 1L;

        Refused(IOException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** Closes a connection still in its handshake that has not finished within the timeout. */
    void checkHandshake(long nowNanos, long timeoutNanos) {
        if (state.get() == State.HANDSHAKING && nowNanos - createdNanos > timeoutNanos
                && failHandshake(Reasons.HANDSHAKE_TIMEOUT)) {
            logger.debug("Connection {} from {}: no TLS handshake within {} ms, dropped", id, remoteAddress,
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        }
    }

    /** Closes an open connection from which nothing arrived for longer than {@code timeoutNanos}. */
    void checkSilence(long nowNanos, long timeoutNanos, String reason) {
        if (state.get() == State.OPEN && nowNanos - lastReceivedNanos > timeoutNanos) {
            logger.debug("Connection {} with {}: nothing received for {} ms ({})", id, remoteAddress,
                    TimeUnit.NANOSECONDS.toMillis(nowNanos - lastReceivedNanos), reason);
            abort(reason);
        }
    }

    /**
     * Waits until the TLS handshake finished.
     *
     * @throws SSLHandshakeException when the peer's certificate was refused (naming both fingerprints when a pin
     *             failed) or TLS failed otherwise
     * @throws SocketTimeoutException when it did not finish within the timeout; the connection is closed then
     */
    void awaitHandshake(Duration timeout, String peer) throws IOException {
        try {
            handshake.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            if (failHandshake(Reasons.HANDSHAKE_TIMEOUT)) {
                throw new SocketTimeoutException(
                        "The TLS handshake with " + peer + " did not finish within " + timeout.toMillis() + " ms");
            }
            awaitHandshake(timeout, peer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort("interrupted");
            throw new InterruptedIOException("Interrupted while connecting to " + peer);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Refused refused) {
                throw (IOException) refused.getCause();
            }
            throw handshakeFailure(peer, e.getCause());
        }
    }

    private static IOException handshakeFailure(String peer, Throwable cause) {
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof CertificateException refused) {
                return withCause(new SSLHandshakeException(
                        "The TLS handshake with " + peer + " failed: " + refused.getMessage()), cause);
            }
        }
        if (cause instanceof SSLException) {
            return withCause(new SSLHandshakeException("The TLS handshake with " + peer + " failed: "
                    + cause.getMessage()), cause);
        }
        return new IOException("The TLS handshake with " + peer + " failed: " + cause.getMessage(), cause);
    }

    private static IOException withCause(IOException exception, Throwable cause) {
        exception.initCause(cause);
        return exception;
    }

    private boolean beginClosing(String reason) {
        while (true) {
            State current = state.get();
            if (current == State.CLOSING || current == State.CLOSED) {
                return false;
            }
            if (state.compareAndSet(current, State.CLOSING)) {
                closeReason = reason;
                return true;
            }
        }
    }

    private void protocolError(ProtocolException e) {
        logger.debug("Connection {} from {}: protocol error: {}", id, remoteAddress, e.getMessage());
        // On this connection's network thread: takes effect at once (no selector wake-up needed).
        session.suspendRead();
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
        logger.warn("The connection handler failed in {}() for connection {}; closing it", callback, id, e);
        send(new ErrorMessage(ErrorCode.INTERNAL_ERROR, "The receiver failed to handle a message"));
        close(Reasons.INTERNAL_ERROR + "the handler failed in " + callback + "(): " + e);
    }

    @Override
    public String toString() {
        return "Connection[" + id + ", " + remoteAddress + ", " + state.get() + "]";
    }
}
