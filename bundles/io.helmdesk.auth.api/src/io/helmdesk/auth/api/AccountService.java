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
}
