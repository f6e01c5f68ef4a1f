package io.helmdesk.transport;

import java.net.InetSocketAddress;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.protocol.message.Message;

/**
 * One TLS connection carrying protocol messages, as the server gateway and the agent see it. The transport implements
 * it; the application sends through it and keeps its own state with it. Thread-safe: any thread may send or close.
 */
@ProviderType
public interface Connection {

    /** Unique within this process, e.g. {@code "c-42"}; the server sends it to the agent in the welcome. */
    String id();

    /** The peer's address, as the connection was opened. */
    InetSocketAddress remoteAddress();

    /**
     * Queues a message; it is encoded on the calling thread and written in order. Never blocks.
     *
     * @return {@code true} when queued; {@code false} when the connection is not open, or when the bytes queued for
     *         this peer (and not yet written to the socket) have reached the limit: the peer does not read, so the
     *         connection is closed with the reason {@code "slow peer"} instead of queueing more. Below the limit any
     *         message is accepted, so a connection holds at most the limit plus one message.
     */
    boolean send(Message message);

    /**
     * Bytes accepted by {@link #send} and not yet written to the socket, the frame headers included; 0 once the
     * connection is closed. A bulk sender (a file transfer) waits while this is above a bound well below the
     * connection's limit, instead of queueing until {@code send} refuses and closes the connection as a slow peer.
     * The value may change the moment it is read: the network thread writes, other threads send.
     */
    long queuedBytes();

    /**
     * Closes after flushing what is already queued (at most a short grace period, then at once). The handler's
     * {@link ConnectionHandler#closed} gets the reason of the first close; later calls do nothing.
     */
    void close(String reason);

    /** Whether the TLS handshake finished and the connection is neither closing nor closed. */
    boolean isOpen();

    /**
     * Raises or lowers the largest payload accepted from the peer, from the next frame header on; e.g. to
     * {@link io.helmdesk.protocol.Frame#DEFAULT_MAX_PAYLOAD} once the peer is authenticated. A larger frame is refused
     * with an error message and the connection is closed.
     *
     * @param bytes 0 to {@link io.helmdesk.protocol.Frame#MAX_PAYLOAD_CEILING}
     */
    void maxPayloadLength(int bytes);

    /** The object the application keeps with this connection (e.g. the device once authenticated), or null. */
    Object attachment();

    void attach(Object attachment);
}
