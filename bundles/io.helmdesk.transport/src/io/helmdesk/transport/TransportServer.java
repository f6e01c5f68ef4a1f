package io.helmdesk.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.SocketSessionConfig;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.transport.internal.FrameFilter;
import io.helmdesk.transport.internal.MinaConnection;
import io.helmdesk.transport.internal.Reasons;
import io.helmdesk.transport.internal.ServerTimeouts;
import io.helmdesk.transport.internal.SessionEvents;
import io.helmdesk.transport.internal.Threads;
import io.helmdesk.transport.internal.TlsFilter;

/**
 * The TLS port agents (and later consoles) connect to, on a MINA acceptor. Each connection gets the limits of its
 * {@link ServerSettings}: peers that never finish the handshake, go silent, do not read what is sent to them or send
 * what is not the protocol are closed, so no peer can hold more than bounded memory. Every {@code Heartbeat} is
 * answered here, and also passed to the handler.
 */
public final class TransportServer implements AutoCloseable {

    private static final int BACKLOG = 1024;
    private static final Duration DISPOSAL_TIMEOUT = Duration.ofSeconds(5);

    private final Logger logger = LoggerFactory.getLogger(TransportServer.class);
    private final NioSocketAcceptor acceptor;
    private final ScheduledThreadPoolExecutor timer = Threads.timer("helmdesk-transport");
    private final AtomicBoolean closed = new AtomicBoolean();
    private final InetSocketAddress address;

    private TransportServer(ServerSettings settings, SSLContext tls, ConnectionHandler handler) throws IOException {
        acceptor = new NioSocketAcceptor(settings.ioThreads());
        acceptor.setReuseAddress(true);
        acceptor.setBacklog(BACKLOG);
        acceptor.setCloseOnDeactivation(false);
        SocketSessionConfig config = acceptor.getSessionConfig();
        config.setTcpNoDelay(true);
        config.setKeepAlive(true);
        acceptor.getFilterChain().addLast("tls", new TlsFilter(tls));
        acceptor.getFilterChain().addLast("frames", new FrameFilter());
        acceptor.setHandler(new SessionEvents(session -> new MinaConnection(session, handler,
                settings.maxPayloadBeforeAuthentication(), settings.maxQueuedBytesPerConnection(), timer, () -> {
                })));
        try {
            acceptor.bind(settings.bind());
        } catch (IOException | RuntimeException e) {
            acceptor.dispose(false);
            timer.shutdownNow();
            throw e;
        }
        address = acceptor.getLocalAddress();
        Duration period = ServerTimeouts.period(settings.handshakeTimeout(), settings.readIdleTimeout());
        timer.scheduleWithFixedDelay(
                new ServerTimeouts(acceptor, settings.handshakeTimeout(), settings.readIdleTimeout()),
                period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        logger.debug("Listening for TLS connections on {}", address);
    }

    /**
     * Binds and starts accepting.
     *
     * @param tls a server context, e.g. {@link ServerIdentity#serverContext()}
     * @param handler called on the network threads for every connection; must not block
     * @throws IOException when the address cannot be bound (e.g. the port is taken)
     */
    public static TransportServer start(ServerSettings settings, SSLContext tls, ConnectionHandler handler)
            throws IOException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(handler, "handler");
        return new TransportServer(settings, tls, handler);
    }

    /** The bound address; with port 0 in the settings, the port actually taken. */
    public InetSocketAddress address() {
        return address;
    }

    /** The connections currently open, those still in their TLS handshake included. */
    public int connections() {
        return acceptor.getManagedSessionCount();
    }

    /**
     * Stops accepting and closes every connection with the reason {@code "server stopping"}, flushing what is queued
     * within a short grace period; returns when they are closed and the network threads have ended. Call it from
     * the application's own thread, not from a handler callback (it would wait for the thread it runs on).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        acceptor.unbind();
        for (IoSession session : acceptor.getManagedSessions().values()) {
            MinaConnection connection = MinaConnection.of(session);
            if (connection != null) {
                connection.close(Reasons.SERVER_STOPPING);
            } else {
                session.closeNow();
            }
        }
        awaitSessionsClosed(MinaConnection.CLOSE_GRACE.plusMillis(500));
        Future<?> disposal = timer.submit(() -> acceptor.dispose(true));
        try {
            disposal.get(DISPOSAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            logger.warn("The network threads of {} did not end within {} s", address, DISPOSAL_TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            logger.warn("Stopping the network threads of {} failed", address, e.getCause());
        } finally {
            timer.shutdown();
        }
        logger.debug("Stopped listening on {}", address);
    }

    private void awaitSessionsClosed(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acceptor.getManagedSessionCount() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
