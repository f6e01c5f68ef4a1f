package io.helmdesk.transport.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.session.AttributeKey;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.transport.ConnectionHandler;

/**
 * A connection on one MINA session (the agent's and the console's side): kept as a session attribute, MINA's events
 * reach it through {@link SessionEvents} and {@link FrameFilter}. A client's connect waits for its handshake
 * ({@link #awaitHandshake}).
 */
public final class MinaConnection extends FramedConnection {

    private static final AttributeKey KEY = new AttributeKey(MinaConnection.class, "connection");

    private final Logger logger = LoggerFactory.getLogger(MinaConnection.class);
    private final IoSession session;
    private final ScheduledExecutorService timer;
    private final Runnable afterClose;
    private final OutboundQueue outbound;
    private final CompletableFuture<MinaConnection> handshake = new CompletableFuture<>();
    private volatile ScheduledFuture<?> grace;
    private volatile long lastQueuedNanos = System.nanoTime();

    /**
     * @param maxPayloadLength the frame limit until the application changes it
     * @param maxQueuedBytes what may be queued for the peer
     * @param timer runs the close grace period
     * @param afterClose runs once the session is closed and the handler was told (e.g. frees a client's threads)
     */
    public MinaConnection(IoSession session, ConnectionHandler handler, int maxPayloadLength, long maxQueuedBytes,
            ScheduledExecutorService timer, Runnable afterClose) {
        super("c-" + session.getId(), (InetSocketAddress) session.getRemoteAddress(), handler, maxPayloadLength);
        this.session = session;
        this.timer = timer;
        this.afterClose = afterClose;
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
    public long queuedBytes() {
        return outbound.queuedBytes();
    }

    /** Whether the queue for the peer is full: the next {@link #send} would close the connection. */
    boolean isQueueFull() {
        return outbound.isFull();
    }

    @Override
    protected boolean enqueue(ByteBuffer frame) {
        if (outbound.offer(IoBuffer.wrap(frame))) {
            lastQueuedNanos = System.nanoTime();
            return true;
        }
        return false;
    }

    /** When a frame was last queued for the peer (at first, when the connection was made). */
    long lastQueuedNanos() {
        return lastQueuedNanos;
    }

    @Override
    protected void closeGracefully() {
        try {
            grace = timer.schedule(() -> {
                logger.debug("Connection {}: queued frames did not leave within {} ms, closing now", id(),
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
    protected void closeNow() {
        outbound.discard();
        session.closeNow();
    }

    @Override
    protected void stopReading() {
        // On this connection's network thread: takes effect at once (no selector wake-up needed).
        session.suspendRead();
    }

    @Override
    protected void afterOpened() {
        handshake.complete(this);
    }

    @Override
    protected void released(String reason) {
        ScheduledFuture<?> pending = grace;
        if (pending != null) {
            pending.cancel(false);
        }
        outbound.discard();
        handshake.completeExceptionally(new IOException("The connection closed during the TLS handshake: " + reason));
    }

    @Override
    protected void afterClosed() {
        afterClose.run();
    }

    /** MINA wrote a frame to the socket. */
    void sent(Object message) {
        outbound.sent(message);
    }

    @Override
    void failed(Throwable failure) {
        handshake.completeExceptionally(failure);
        State current = state();
        if (failure instanceof WriteException && (current == State.CLOSING || current == State.CLOSED)) {
            // E.g. MINA's TLS filter writing its close_notify to a session that is already closed.
            logger.trace("Connection {}: a write after close was dropped: {}", id(), failure.toString());
            return;
        }
        super.failed(failure);
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
}
