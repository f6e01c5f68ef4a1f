package io.helmdesk.relay.api;

import java.time.Instant;

/**
 * The tickets of one session, each 256 random bits in URL-safe Base64; secrets until used.
 *
 * @param expiresAt after this, neither ticket is accepted
 */
public record RelayTickets(String sessionId, String agentTicket, String consoleTicket, Instant expiresAt) {

    @Override
    public String toString() {
        return "RelayTickets[" + sessionId + ", expires " + expiresAt + "]";
    }
}
