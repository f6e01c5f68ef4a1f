package io.helmdesk.store.api;

/**
 * A single-use secret sent to a person: a recovery link, a code. Only its hash is stored.
 *
 * @param purpose what it is for, e.g. "recovery"
 * @param expiresAt epoch milliseconds
 * @param triesLeft wrong tries left before it burns (for short codes)
 * @param payload what it confirms, e.g. a new e-mail address; null when nothing
 */
public record OneTimeSecretRecord(String secretHash, String accountId, String purpose, long expiresAt, int triesLeft,
        String payload) {
}
