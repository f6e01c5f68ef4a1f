package io.helmdesk.store.api;

/**
 * An API key; only the hash of its secret is stored. Times are epoch milliseconds.
 *
 * @param prefix the first characters of the secret, to recognise it in a list
 * @param scopes permission names separated by commas
 * @param lastUsedAt 0 when never used
 * @param revokedAt 0 while valid
 */
public record ApiKeyRecord(String id, String accountId, String name, String prefix, String keyHash, String scopes,
        long createdAt, long lastUsedAt, long revokedAt) {
}
