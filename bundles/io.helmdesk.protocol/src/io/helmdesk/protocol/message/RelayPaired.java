package io.helmdesk.protocol.message;

/**
 * The relay tells each side that the other one joined. Every byte after this frame comes from the peer, not from the
 * relay: the two sides then speak the session messages to each other.
 *
 * @param sessionId the session the tickets belong to
 * @param peerRole who is on the other end
 */
public record RelayPaired(String sessionId, Role peerRole) implements Message {

    public RelayPaired {
        Checks.nonEmpty("sessionId", sessionId, Limits.NAME_BYTES);
        java.util.Objects.requireNonNull(peerRole, "peerRole");
    }

    @Override
    public MessageType type() {
        return MessageType.RELAY_PAIRED;
    }
}
