package io.helmdesk.transport;

import java.time.Duration;

import io.helmdesk.protocol.Frame;

/**
 * How a {@link TransportClient} connects and keeps its connection alive.
 *
 * @param connectTimeout the TCP connect must succeed within this
 * @param handshakeTimeout then the TLS handshake must finish within this
 * @param heartbeatInterval a heartbeat goes out after this long without sending or without receiving anything; a
 *            server silent for three intervals is given up on
 * @param maxPayloadLength the largest payload accepted from the server (see {@link Connection#maxPayloadLength(int)})
 * @param maxQueuedBytes outbound bytes held for a server that does not read; once they are reached, the next send
 *            closes the connection ("slow peer"). Heartbeats are skipped meanwhile rather than close it
 */
public record ClientSettings(Duration connectTimeout, Duration handshakeTimeout, Duration heartbeatInterval,
        int maxPayloadLength, long maxQueuedBytes) {

    public ClientSettings {
        Settings.positive("connectTimeout", connectTimeout);
        Settings.positive("handshakeTimeout", handshakeTimeout);
        Settings.positive("heartbeatInterval", heartbeatInterval);
        Settings.payloadLimit("maxPayloadLength", maxPayloadLength);
        Settings.positive("maxQueuedBytes", maxQueuedBytes);
    }

    /**
     * A 10 s connect and handshake timeout, a heartbeat every 30 s, the post-authentication frame limit
     * ({@link Frame#DEFAULT_MAX_PAYLOAD}) and 4 MiB queued.
     */
    public static ClientSettings defaults() {
        return new ClientSettings(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30),
                Frame.DEFAULT_MAX_PAYLOAD, 4L * 1024 * 1024);
    }
}
