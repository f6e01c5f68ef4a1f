package io.helmdesk.session;

import java.util.Objects;

import io.helmdesk.protocol.message.Role;
import io.helmdesk.transport.EndToEndIdentity;
import io.helmdesk.transport.PinnedTrust;

/**
 * What one end needs to join a session, as the server handed it out (the console's answer to {@code POST /sessions},
 * the agent's session offer): the single-use ticket the relay pairs the two ends by, and what the ends' TLS with each
 * other rests on, a key and certificate made for this end and this session, and the other end's certificate's pin.
 *
 * @param side this end: the agent takes the TLS server's part, the console the client's
 * @param ticket this end's single-use relay ticket; a secret
 * @param identity this end's key and certificate for the session; a secret
 * @param peerPin the SHA-256 fingerprint of the other end's certificate, 64 hex digits (upper case and colons are
 *            tolerated): the only certificate this end accepts
 */
public record SessionTicket(Role side, String ticket, EndToEndIdentity identity, String peerPin) {

    /** @throws IllegalArgumentException when the ticket is empty or the pin is not a SHA-256 fingerprint */
    public SessionTicket {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(identity, "identity");
        if (ticket == null || ticket.isBlank()) {
            throw new IllegalArgumentException("The session ticket is empty");
        }
        if (peerPin == null) {
            throw new IllegalArgumentException("The other end's certificate pin is missing");
        }
        peerPin = PinnedTrust.normalize(peerPin);
    }

    /**
     * A ticket as the server's texts carry it.
     *
     * @param identity what {@link EndToEndIdentity#encode()} wrote
     * @throws IllegalArgumentException when the identity is missing or cannot be read, the ticket is empty or the pin
     *             is not a SHA-256 fingerprint
     */
    public static SessionTicket of(Role side, String ticket, String identity, String peerPin) {
        if (identity == null || identity.isBlank()) {
            throw new IllegalArgumentException("The session identity is missing");
        }
        return new SessionTicket(side, ticket, EndToEndIdentity.decode(identity), peerPin);
    }

    @Override
    public String toString() {
        return "SessionTicket[" + side + ", peer " + peerPin + "]";
    }
}
