package io.helmdesk.protocol.message;

import java.util.Objects;

/**
 * What the agent's computer is doing; sent after authentication and whenever it changes.
 *
 * @param state online, in a session, or going to sleep
 * @param loggedInUser the user at the console of the computer, empty when nobody is logged in
 * @param idleSeconds seconds since the last local keyboard or mouse input, 0 or more
 */
public record Status(State state, String loggedInUser, long idleSeconds) implements Message {

    public enum State {

        ONLINE(1),
        /** A remote session is running on the device. */
        IN_SESSION(2),
        /** The computer is about to sleep; the server keeps it listed as reachable by wake-on-LAN. */
        SLEEPING(3);

        private final int code;

        State(int code) {
            this.code = code;
        }

        /** The value on the wire, an unsigned byte. */
        public int code() {
            return code;
        }
    }

    public Status {
        Objects.requireNonNull(state, "state");
        Checks.text("loggedInUser", loggedInUser, Limits.NAME_BYTES);
        Checks.notNegative("idleSeconds", idleSeconds);
    }

    @Override
    public MessageType type() {
        return MessageType.STATUS;
    }
}
