package io.helmdesk.transport;

import java.time.Duration;
import java.util.Objects;

import io.helmdesk.protocol.Frame;

/** The checks the settings records share. */
final class Settings {

    private Settings() {
    }

    static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    static void positive(String name, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, not " + value);
        }
    }

    static void payloadLimit(String name, int value) {
        if (value < 0 || value > Frame.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException(
                    name + " must be between 0 and " + Frame.MAX_PAYLOAD_CEILING + ", not " + value);
        }
    }
}
