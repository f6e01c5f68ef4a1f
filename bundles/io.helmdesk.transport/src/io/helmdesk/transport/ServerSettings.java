package io.helmdesk.transport;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;

import io.helmdesk.protocol.Frame;

/**
 * How a {@link TransportServer} listens and what it allows each connection: every limit exists so that a slow,
 * silent or malicious peer costs bounded memory and time.
 *
 * @param bind the address and port to listen on; port 0 takes a free port ({@link TransportServer#address()})
 * @param handshakeTimeout a peer that has not finished the TLS handshake by then is dropped (plain TCP peers that say
 *            nothing, scanners)
 * @param readIdleTimeout a peer from which nothing arrived for this long is closed; longer than the agents' heartbeat
 *            interval times three
 * @param maxPayloadBeforeAuthentication the largest payload accepted until the application raises it with
 *            {@link Connection#maxPayloadLength(int)}
 * @param maxQueuedBytesPerConnection outbound bytes a connection may hold for a peer that does not read; once they
 *            are reached, the next send closes the connection ("slow peer"), so it holds at most this plus one message
 * @param ioThreads network threads; each serves many connections
 */
public record ServerSettings(InetSocketAddress bind, Duration handshakeTimeout, Duration readIdleTimeout,
        int maxPayloadBeforeAuthentication, long maxQueuedBytesPerConnection, int ioThreads) {

    public ServerSettings {
        Objects.requireNonNull(bind, "bind");
        Settings.positive("handshakeTimeout", handshakeTimeout);
        Settings.positive("readIdleTimeout", readIdleTimeout);
        Settings.payloadLimit("maxPayloadBeforeAuthentication", maxPayloadBeforeAuthentication);
        Settings.positive("maxQueuedBytesPerConnection", maxQueuedBytesPerConnection);
        Settings.positive("ioThreads", ioThreads);
    }

    /**
     * A 10 s handshake timeout, a 95 s read idle timeout (three 30 s heartbeats and a margin), the pre-authentication
     * frame limit ({@link Frame#PRE_AUTHENTICATION_MAX_PAYLOAD}), 4 MiB queued per connection, one network thread per
     * processor.
     */
    public static ServerSettings defaults(InetSocketAddress bind) {
        return new ServerSettings(bind, Duration.ofSeconds(10), Duration.ofSeconds(95),
                Frame.PRE_AUTHENTICATION_MAX_PAYLOAD, 4L * 1024 * 1024, Runtime.getRuntime().availableProcessors());
    }
}
