package io.helmdesk.transport;

import java.io.IOException;

import io.helmdesk.protocol.message.Message;

/**
 * What a client says and hears in the clear before its TLS starts, on a connection whose TLS runs end to end through a
 * relay: the relay reads the opening message (a ticket), pairs the connection with another one, says so, and from then
 * on forwards bytes between the two without reading them. Called on the connection's network thread; never blocks.
 */
public interface Rendezvous {

    /** The one message sent in the clear when the connection opens. */
    Message opening();

    /**
     * A message from the relay, in the clear, before TLS.
     *
     * @return {@code true} when TLS starts after this message: every following byte, both ways, belongs to it
     * @throws IOException to give up the connection; {@link TransportClient#connectEndToEnd} throws it as it is
     */
    boolean received(Message message) throws IOException;

    /** What {@link TransportClient#connectEndToEnd} throws when the connection closed before TLS started. */
    IOException closed();
}
