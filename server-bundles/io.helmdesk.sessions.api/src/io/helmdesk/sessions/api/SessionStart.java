package io.helmdesk.sessions.api;

import java.time.Instant;

/**
 * What the console needs to join a session it opened.
 *
 * @param relayHost the relay's host as configured, or empty: then the host the console reaches the server with
 * @param identity the console's key and certificate for the session's end-to-end TLS, encoded
 *            ({@code io.helmdesk.transport.EndToEndIdentity}); a secret
 * @param peerPin SHA-256 fingerprint of the agent's certificate for the session, which the console pins
 * @param ticket the console's single-use ticket; a secret
 * @param expiresAt the agent must have joined by then
 * @param options what the session lets through, as the agent was told
 */
public record SessionStart(String sessionId, String deviceId, String relayHost, int relayPort, String identity,
        String peerPin,
        String ticket, Instant expiresAt, SessionOptions options) {

    @Override
    public String toString() {
        return "SessionStart[" + sessionId + " to " + deviceId + ", relay " + relayHost + ":" + relayPort + "]";
    }
}
