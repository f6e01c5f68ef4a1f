package io.helmdesk.store.api;

/**
 * A stored account. Times are epoch milliseconds.
 *
 * @param emailKey the e-mail address in lower case: unique, what sign-in looks up
 * @param passwordHash the encoded password hash with its parameters; null for an account without password
 * @param state "ACTIVE" or "DISABLED"
 */
public record AccountRecord(String id, String email, String emailKey, String displayName, String role,
        String state, String passwordHash, String language, String timeZone, long createdAt) {

    public AccountRecord withProfile(String newDisplayName, String newLanguage, String newTimeZone) {
        return new AccountRecord(id, email, emailKey, newDisplayName, role, state, passwordHash, newLanguage,
                newTimeZone,
                createdAt);
    }

    public AccountRecord withState(String newState) {
        return new AccountRecord(id, email, emailKey, displayName, role, newState, passwordHash, language, timeZone,
                createdAt);
    }

    public AccountRecord withEmail(String newEmail, String newEmailKey) {
        return new AccountRecord(id, newEmail, newEmailKey, displayName, role, state, passwordHash, language, timeZone,
                createdAt);
    }

    public AccountRecord withPasswordHash(String newHash) {
        return new AccountRecord(id, email, emailKey, displayName, role, state, newHash, language, timeZone, createdAt);
    }
}
