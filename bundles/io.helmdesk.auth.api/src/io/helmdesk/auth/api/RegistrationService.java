package io.helmdesk.auth.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Accounts made by e-mail (ACC-1) and passwords recovered by e-mail (ACC-3). Neither call tells whether an address
 * has an account: the answer is the same either way, and only the mailbox's owner learns more.
 */
@ProviderType
public interface RegistrationService {

    /** How long a recovery link works. */
    int RECOVERY_MINUTES = 30;

    /**
     * Registers an address: a new account gets a generated password by e-mail and becomes active at its first
     * sign-in; an address with an account gets a mail saying so.
     *
     * @param language the language of the mail and of the new account (BCP 47), e.g. "fr"
     * @throws IllegalArgumentException if the address is not an e-mail address
     * @throws RateLimitedException if this source address registered too much recently
     * @throws IllegalStateException if the server cannot send e-mail; nothing was created
     */
    void register(String email, String language, String sourceAddress);

    /**
     * Sends a single-use, expiring link to choose a new password, if the address has an account.
     *
     * @throws RateLimitedException if this source address asked too often recently
     * @throws IllegalStateException if the server cannot send e-mail
     */
    void requestRecovery(String email, String sourceAddress);

    /**
     * Sets a new password with a recovery link's token; the token is spent and every session of the account ends.
     *
     * @throws AuthenticationException if the token is unknown, used or expired
     * @throws IllegalArgumentException if the password is not acceptable (the token stays valid)
     */
    void completeRecovery(String token, String newPassword, String sourceAddress);
}
