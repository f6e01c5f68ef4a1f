package io.helmdesk.protocol.message;

/**
 * The first frame on a relay connection: the single-use ticket the server handed out for one side of one session.
 * The relay answers with {@link RelayPaired} once the other side has joined, and from then on forwards bytes between
 * the two; an unknown, used or expired ticket is answered with an {@link ErrorMessage} and the connection closes.
 *
 * @param ticket the ticket as the REST API or the session offer gave it; 1 to {@link Limits#TOKEN_BYTES}
 */
public record RelayJoin(String ticket) implements Message {

    public RelayJoin {
        Checks.nonEmpty("ticket", ticket, Limits.TOKEN_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.RELAY_JOIN;
    }

    @Override
    public String toString() {
        // The ticket is a secret until used.
        return "RelayJoin[ticket=" + ticket.length() + " characters]";
    }
}
