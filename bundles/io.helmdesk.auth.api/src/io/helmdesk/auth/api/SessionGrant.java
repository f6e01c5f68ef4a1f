package io.helmdesk.auth.api;

import java.time.Instant;

/**
 * A new session: the token is shown once, to the caller that signed in, and never stored in clear.
 *
 * @param token the bearer token (at least 128 bits of entropy)
 * @param accountId the signed-in account
 * @param expiresAt when the session ends at the latest, whatever its use
 */
public record SessionGrant(String token, String accountId, Instant expiresAt) {
}
