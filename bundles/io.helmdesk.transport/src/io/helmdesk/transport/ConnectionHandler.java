package io.helmdesk.transport;

import org.osgi.annotation.versioning.ConsumerType;

import io.helmdesk.protocol.message.Message;

/**
 * What the application does with connections: the server gateway and the agent implement it. Every method is called
 * on a network (I/O) thread, the calls for one connection one after the other: return quickly and never block (hand
 * database work or signing to an executor), or every connection served by that thread stalls. An exception thrown
 * here is logged and closes the connection.
 */
@ConsumerType
public interface ConnectionHandler {

    /**
     * The TLS handshake finished; messages may be sent. Called once per connection, before any other method, and on a
     * client before its connect returns.
     */
    void opened(Connection connection);

    /**
     * A message arrived. Heartbeats are answered by the transport before this is called; an {@code ErrorMessage} or a
     * {@code Bye} is passed on here, then the transport closes the connection.
     */
    void received(Connection connection, Message message);

    /**
     * The connection is closed; called once, and only for connections that were {@link #opened}.
     *
     * @param reason why, e.g. {@code "slow peer"}, {@code "read idle timeout"}, {@code "server silent"},
     *            {@code "protocol error: …"}, {@code "peer closed"}, or the reason given to
     *            {@link Connection#close(String)}
     */
    void closed(Connection connection, String reason);
}
