package io.helmdesk.relay.api;

/**
 * Where the relay listens.
 *
 * @param publicHost the host name configured for clients, or empty: then clients use the host they reached the
 *            server's web address with
 * @param port the TLS port
 * @param pin SHA-256 fingerprint of the relay's self-signed certificate, 64 hex digits
 */
public record RelayEndpoint(String publicHost, int port, String pin) {
}
