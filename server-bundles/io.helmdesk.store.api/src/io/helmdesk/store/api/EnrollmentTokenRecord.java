package io.helmdesk.store.api;

/**
 * A token that lets agents join an account on first start (DEV-2). Only its hash is stored.
 *
 * @param prefix the token's first characters, to recognise it in a list
 * @param usesLeft enrollments it still allows; -1 for no limit
 * @param uses enrollments made with it so far
 * @param expiresAt epoch millis; 0 for never
 * @param revokedAt epoch millis; 0 while valid
 */
public record EnrollmentTokenRecord(String id, String accountId, String name, String prefix, String tokenHash,
        int usesLeft, int uses, long expiresAt, long revokedAt, long createdAt) {
}
