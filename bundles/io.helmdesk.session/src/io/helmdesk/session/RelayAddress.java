package io.helmdesk.session;

import java.util.Objects;

/**
 * Where a session's relay listens, as the server hands it out with the ticket.
 *
 * @param host the relay's host name or address
 * @param port its TLS port, 1 to 65535
 * @param pin the SHA-256 fingerprint of the relay's certificate, 64 hex digits (upper case and colons tolerated):
 *            the only certificate trusted for this connection
 */
public record RelayAddress(String host, int port, String pin) {

    public RelayAddress {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(pin, "pin");
        if (host.isBlank()) {
            throw new IllegalArgumentException("The relay's host is empty");
        }
        if (port < 1 || port > 0xFFFF) {
            throw new IllegalArgumentException("The relay's port " + port + " is not between 1 and 65535");
        }
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
