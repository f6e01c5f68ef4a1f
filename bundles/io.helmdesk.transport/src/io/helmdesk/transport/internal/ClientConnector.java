package io.helmdesk.transport.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import org.apache.mina.core.future.ConnectFuture;
import org.apache.mina.transport.socket.nio.NioSocketConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.transport.ClientSettings;
import io.helmdesk.transport.ConnectionHandler;
import io.helmdesk.transport.Rendezvous;

/**
 * One client connection and what it runs on: a MINA connector with one network thread and a timer thread for
 * heartbeats, both released when the connection closes. An agent holds one connection at a time, so a connector of
 * its own costs little and leaves nothing behind.
 */
public final class ClientConnector {

    private final Logger logger = LoggerFactory.getLogger(ClientConnector.class);
    private final InetSocketAddress server;
    private final ClientSettings settings;
    private final NioSocketConnector connector = new NioSocketConnector(1);
    private final ScheduledThreadPoolExecutor timer = Threads.timer("helmdesk-client");
    private final AtomicBoolean released = new AtomicBoolean();
    private final String peer;

    public ClientConnector(InetSocketAddress server, SSLContext tls, ClientSettings settings,
            ConnectionHandler handler) {
        this(server, null, tls, false, settings, handler);
    }

    /**
     * @param rendezvous null for TLS with the server itself; otherwise what is said in the clear before TLS starts,
     *            end to end, with the connection the relay pairs this one with
     * @param tlsServer with a rendezvous: whether this end takes the server's part of the TLS handshake
     */
    public ClientConnector(InetSocketAddress server, Rendezvous rendezvous, SSLContext tls, boolean tlsServer,
            ClientSettings settings, ConnectionHandler handler) {
        this.server = server;
        this.settings = settings;
        this.peer = server.getHostString() + ":" + server.getPort();
        connector.setConnectTimeoutMillis(settings.connectTimeout().toMillis());
        connector.getSessionConfig().setTcpNoDelay(true);
        connector.getSessionConfig().setKeepAlive(true);
        if (rendezvous == null) {
            connector.getFilterChain().addLast("tls", new TlsFilter(tls));
        } else {
            connector.getFilterChain().addLast("rendezvous", new RendezvousFilter(rendezvous));
            connector.getFilterChain().addLast("tls", TlsFilter.endToEnd(tls, tlsServer));
        }
        connector.getFilterChain().addLast("frames", new FrameFilter());
        connector.setHandler(new SessionEvents(session -> new MinaConnection(session, handler,
                settings.maxPayloadLength(), settings.maxQueuedBytes(), timer, this::release)));
    }

    /** Connects and finishes the TLS handshake, or fails within the connect and handshake timeouts. */
    public MinaConnection connect() throws IOException {
        MinaConnection connection;
        try {
            connection = openSession();
        } catch (IOException | RuntimeException e) {
            release();
            throw e;
        }
        connection.awaitHandshake(settings.handshakeTimeout(), peer);
        Duration period = ClientHeartbeats.period(settings.heartbeatInterval());
        try {
            timer.scheduleWithFixedDelay(new ClientHeartbeats(connection, settings.heartbeatInterval()),
                    period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closedMeanwhile) {
            logger.debug("Connection {} closed right after its handshake", connection.id());
        }
        return connection;
    }

    private MinaConnection openSession() throws IOException {
        if (server.isUnresolved()) {
            throw new UnknownHostException("Cannot resolve " + server.getHostString());
        }
        ConnectFuture future = connector.connect(server);
        Duration timeout = settings.connectTimeout();
        try {
            // MINA enforces the connect timeout itself; the margin only guards against a future never completed.
            if (!future.await(timeout.toMillis() + 1000)) {
                future.cancel();
                throw new SocketTimeoutException(
                        "Cannot connect to " + peer + " within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel();
            throw new InterruptedIOException("Interrupted while connecting to " + peer);
        }
        if (!future.isConnected()) {
            Throwable cause = future.getException();
            String why = cause == null
                    ? "cancelled"
                    : cause.getMessage() != null ? cause.getMessage() : cause.toString();
            ConnectException failure = new ConnectException("Cannot connect to " + peer + ": " + why);
            failure.initCause(cause);
            throw failure;
        }
        MinaConnection connection = MinaConnection.of(future.getSession());
        if (connection == null) {
            future.getSession().closeNow();
            throw new IOException("The connection to " + peer + " was closed before it was set up");
        }
        return connection;
    }

    /** Frees the network and timer threads, off the network thread (MINA waits for that thread to end). */
    private void release() {
        if (!released.compareAndSet(false, true)) {
            return;
        }
        try {
            timer.execute(() -> {
                connector.dispose(true);
                timer.shutdown();
            });
        } catch (RejectedExecutionException alreadyStopped) {
            connector.dispose(false);
        }
    }
}
