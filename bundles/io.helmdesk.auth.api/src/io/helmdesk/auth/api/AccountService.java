package io.helmdesk.auth.api;

import org.osgi.annotation.versioning.ProviderType;

/** One's own account. */
@ProviderType
public interface AccountService {

    /** @throws IllegalArgumentException if there is no such account */
    Account get(String accountId);

    /**
     * Changes the password after checking the current one; every other session of the account ends.
     *
     * @throws AuthenticationException if the current password is wrong
     * @throws RateLimitedException if the current password was wrong too often recently
     * @throws IllegalArgumentException if the new password is not acceptable (the message says why)
     */
    void changePassword(String accountId, String currentPassword, String newPassword, String keepSessionToken,
            String sourceAddress);

    /**
     * Changes the profile (ACC-4); a null value leaves that field as it is.
     *
     * @param language a BCP 47 language tag, e.g. "fr" or "en-GB"
     * @param timeZone an IANA time zone, e.g. "Europe/Paris"
     * @throws IllegalArgumentException if a value is not acceptable (the message says which and why)
     */
    Account updateProfile(String accountId, String displayName, String language, String timeZone);

    /**
     * Starts changing the account's e-mail address (ACC-5): a 6-digit code goes to the new address; it is valid 10
     * minutes, once, and burns after 5 wrong tries. A new request voids the previous code.
     *
     * @throws IllegalArgumentException if the new address is not an e-mail address
     * @throws IllegalStateException if the server cannot send e-mail
     */
    void requestEmailChange(String accountId, String newEmail, String sourceAddress);

    /**
     * Completes the change with the code sent to the new address and the current password.
     *
     * @throws AuthenticationException if the code or the password is wrong
     * @throws IllegalStateException if the new address belongs to another account meanwhile
     */
    Account confirmEmailChange(String accountId, String code, String currentPassword, String sourceAddress);

    /**
     * Deletes the account after checking its password (ACC-7): its sessions and API keys end at once.
     *
     * @throws AuthenticationException if the password is wrong
     * @throws RateLimitedException if the password was wrong too often recently
     * @throws IllegalStateException if it is the last administrator of the server
     */
    void delete(String accountId, String password, String sourceAddress);
}
