package io.helmdesk.protocol.message;

import java.util.Objects;

/**
 * A key combination the operator's own system would catch before the console sees it.
 *
 * @param sequence which one
 */
public record SpecialKeys(Sequence sequence) implements Message {

    public enum Sequence {

        CTRL_ALT_DEL(1),
        /** Locks the reached computer's session. */
        LOCK_SCREEN(2);

        private final int code;

        Sequence(int code) {
            this.code = code;
        }

        /** The value on the wire, an unsigned byte. */
        public int code() {
            return code;
        }
    }

    public SpecialKeys {
        Objects.requireNonNull(sequence, "sequence");
    }

    @Override
    public MessageType type() {
        return MessageType.SPECIAL_KEYS;
    }
}
