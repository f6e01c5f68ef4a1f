package io.helmdesk.protocol.message;

import java.util.Objects;

/**
 * Something that happened in a session, shown to both sides and stored with the session on the server: the agent
 * writes every event, sends it to the viewer and reports it on its control connection.
 *
 * @param sessionId the session's id
 * @param atMillis when, the agent's wall clock
 * @param kind what happened
 * @param actor who did it (operator or end user name); may be empty
 * @param detail e.g. a file name; may be empty
 */
public record SessionEvent(String sessionId, long atMillis, Kind kind, String actor, String detail)
        implements
            Message {

    public enum Kind {

        CONNECTED(1), CONTROL_REQUESTED(2), CONTROL_GRANTED(3), CONTROL_REFUSED(4), CONTROL_REVOKED(5), FILE_SENT(
                6), FILE_RECEIVED(7), CHAT(8), CLIPBOARD(9), ENDED(10);

        private final int code;

        Kind(int code) {
            this.code = code;
        }

        /** The value on the wire, an unsigned byte. */
        public int code() {
            return code;
        }
    }

    public SessionEvent {
        Checks.nonEmpty("sessionId", sessionId, Limits.NAME_BYTES);
        Objects.requireNonNull(kind, "kind");
        Checks.text("actor", actor, Limits.NAME_BYTES);
        Checks.text("detail", detail, Limits.TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.SESSION_EVENT;
    }
}
