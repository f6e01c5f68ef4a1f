package io.helmdesk.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;

import javax.net.ssl.SSLContext;

import io.helmdesk.transport.internal.ClientConnector;

/**
 * Opens one TLS connection to the server, as the agent does; {@link Reconnector} keeps one open. The connection sends
 * its own heartbeats and gives up on a server that stays silent, so a dead server or a dropped NAT mapping is noticed
 * within three heartbeat intervals even when TCP does not notice it at all.
 */
public final class TransportClient {

    private TransportClient() {
    }

    /**
     * Connects and completes the TLS handshake, blocking the calling thread within the connect and handshake
     * timeouts; {@code handler.opened} may be called (on a network thread) before this returns. Then a
     * {@code Heartbeat} goes out when nothing was sent, or nothing received, for a {@code heartbeatInterval} (on an
     * idle connection, one per interval), and the connection is closed ("server silent") when
     * nothing was received for three intervals. Each connection has its own network and timer thread, released when
     * it closes.
     *
     * @param tls usually {@link PinnedTrust#clientContext(String)}; host names are not checked here
     * @throws javax.net.ssl.SSLHandshakeException when the server's certificate is refused; with a pinned context the
     *             message names the expected and the actual fingerprint
     * @throws java.net.SocketTimeoutException when connecting or the handshake took too long
     * @throws IOException when the server cannot be reached
     */
    public static Connection connect(InetSocketAddress server, SSLContext tls, ClientSettings settings,
            ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        return new ClientConnector(server, tls, settings, handler).connect();
    }

    /**
     * Connects to a relay, goes through the {@link Rendezvous} in the clear, then runs TLS end to end with whoever the
     * relay paired this connection with, and blocks until that handshake finished; from then on it is a connection as
     * {@link #connect} makes, heartbeats included. Waiting for the pairing counts against the handshake timeout.
     *
     * @param tls both ends present a certificate and pin the other's ({@link EndToEndIdentity#context(String)})
     * @param tlsServer whether this end takes the server's part of the TLS handshake (the other end must not)
     * @throws IOException what the rendezvous threw, as it is; or as {@link #connect} throws
     */
    public static Connection connectEndToEnd(InetSocketAddress relay, Rendezvous rendezvous, SSLContext tls,
            boolean tlsServer, ClientSettings settings, ConnectionHandler handler) throws IOException {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(rendezvous, "rendezvous");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(handler, "handler");
        return new ClientConnector(relay, rendezvous, tls, tlsServer, settings, handler).connect();
    }
}
