package io.helmdesk.store.api;

/**
 * A session. Only the token's hash is stored. Times are epoch milliseconds.
 *
 * @param expiresAt the absolute end, whatever the use
 */
public record SessionRecord(String tokenHash, String accountId, long createdAt, long lastUsedAt, long expiresAt) {
}
