package io.helmdesk.session;

import java.util.Objects;

/**
 * Where a session's relay listens, as the server hands it out with the ticket. The relay is not trusted with the
 * session: the two ends run TLS with each other through it ({@link SessionTicket}).
 *
 * @param host the relay's host name or address
 * @param port its TCP port, 1 to 65535
 */
public record RelayAddress(String host, int port) {

    public RelayAddress {
        Objects.requireNonNull(host, "host");
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
