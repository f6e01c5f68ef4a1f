package io.helmdesk.agent.core.internal;

import java.util.Locale;
import java.util.regex.Pattern;

/** The fingerprint of the only server certificate the agent accepts. */
final class ServerPin {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private ServerPin() {
    }

    /**
     * @return the pin in lower case without separators
     * @throws IllegalArgumentException with what to write instead
     */
    static String check(String configured) {
        String pin = configured == null ? "" : configured.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (pin.isEmpty()) {
            throw new IllegalArgumentException("server.pin is missing: set it to the SHA-256 fingerprint of the "
                    + "server's agent certificate (the server's log and GET /api/v1/agent-gateway show it)");
        }
        if (!SHA256_HEX.matcher(pin).matches()) {
            throw new IllegalArgumentException("server.pin must be 64 hexadecimal digits (a SHA-256 fingerprint)");
        }
        return pin;
    }
}
