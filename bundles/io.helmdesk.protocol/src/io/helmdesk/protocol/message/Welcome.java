package io.helmdesk.protocol.message;

/**
 * The server's answer to an acceptable hello.
 *
 * @param version the negotiated protocol version: the highest both sides speak
 * @param serverTimeMillis the server's clock, milliseconds since the epoch, so an agent can tell its clock is off
 * @param connectionId the server's name for this connection; part of the data an agent signs
 */
public record Welcome(int version, long serverTimeMillis, String connectionId) implements Message {

    public Welcome {
        Checks.range("version", version, 1, 0xFFFF);
        Checks.nonEmpty("connectionId", connectionId, Limits.NAME_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.WELCOME;
    }
}
