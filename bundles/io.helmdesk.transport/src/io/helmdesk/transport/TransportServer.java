package io.helmdesk.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLContext;

import io.helmdesk.transport.internal.NioGateway;
import io.helmdesk.transport.internal.Reasons;

/**
 * The TLS port agents connect to, on plain NIO: a few network threads, each with a selector, and no buffer held by an
 * idle connection (see {@code bench/README.md}, agents). Each connection gets the limits of its
 * {@link ServerSettings}: peers that never finish the handshake, go silent, do not read what is sent to them or send
 * what is not the protocol are closed, so no peer can hold more than bounded memory. Every {@code Heartbeat} is
 * answered here, and also passed to the handler.
 */
public final class TransportServer implements AutoCloseable {

    private final NioGateway gateway;
    private final AtomicBoolean closed = new AtomicBoolean();

    private TransportServer(NioGateway gateway) {
        this.gateway = gateway;
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
        return new TransportServer(new NioGateway(settings, tls, handler));
    }

    /** The bound address; with port 0 in the settings, the port actually taken. */
    public InetSocketAddress address() {
        return gateway.address();
    }

    /** The connections currently open, those still in their TLS handshake included. */
    public int connections() {
        return gateway.connections();
    }

    /**
     * Stops accepting and closes every connection with the reason {@code "server stopping"}, flushing what is queued
     * within a short grace period; returns when they are closed and the network threads have ended. Call it from
     * the application's own thread, not from a handler callback (it would wait for the thread it runs on).
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            gateway.close(Reasons.SERVER_STOPPING);
        }
    }
}
