package io.helmdesk.relay.api;

/**
 * Where the relay listens.
 *
 * @param publicHost the host name configured for clients, or empty: then clients use the host they reached the
 *            server's web address with
 * @param port the relay's TCP port; what goes through it is the sessions' end-to-end TLS
 */
public record RelayEndpoint(String publicHost, int port) {
}
