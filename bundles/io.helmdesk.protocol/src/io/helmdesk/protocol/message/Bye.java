package io.helmdesk.protocol.message;

import java.util.Objects;

/**
 * An orderly end of the connection, not caused by a protocol error; the sender closes right after.
 *
 * @param reason what the receiver does next
 * @param message one sentence for logs and people, e.g. "device removed: stop reconnecting"; may be empty
 */
public record Bye(Reason reason, String message) implements Message {

    public enum Reason {

        /** The sender stops or restarts: reconnect later, with backoff. */
        SHUTDOWN(1, true),
        /** The device was removed on the server: forget the device id, stop reconnecting. */
        DEVICE_REMOVED(2, false),
        /**
         * Another connection now carries this device. An agent that opened that connection itself drops the old one;
         * otherwise (e.g. a cloned machine) it stops reconnecting.
         */
        REPLACED(3, false),
        /**
         * The remote session this relay connection belonged to ended before both sides joined (e.g. the user refused
         * it, or the operator gave up); the message says why.
         */
        SESSION_ENDED(4, false);

        private final int code;
        private final boolean reconnect;

        Reason(int code, boolean reconnect) {
            this.code = code;
            this.reconnect = reconnect;
        }

        /** The value on the wire, an unsigned byte. */
        public int code() {
            return code;
        }

        /** Whether the receiver should connect again later. */
        public boolean reconnect() {
            return reconnect;
        }
    }

    public Bye {
        Objects.requireNonNull(reason, "reason");
        Checks.text("message", message, Limits.TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.BYE;
    }
}
