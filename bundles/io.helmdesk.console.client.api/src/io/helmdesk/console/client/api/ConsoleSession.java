package io.helmdesk.console.client.api;

import java.time.Instant;

/**
 * A signed-in session of the console, kept in memory only: the token is never written to disk, nor is the password.
 *
 * @param server the server signed in to
 * @param token the bearer token of the session
 * @param accountId the account
 * @param expiresAt when the session ends at the latest
 */
public record ConsoleSession(ServerAddress server, String token, String accountId, Instant expiresAt) {

    @Override
    public String toString() {
        return "ConsoleSession[" + server + ", " + accountId + "]"; // never the token
    }
}
