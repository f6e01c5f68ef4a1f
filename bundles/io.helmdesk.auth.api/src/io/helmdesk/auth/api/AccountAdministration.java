package io.helmdesk.auth.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/** The server's accounts, for administrators. */
@ProviderType
public interface AccountAdministration {

    /** Every account, by e-mail address. */
    List<AccountEntry> list();

    /**
     * Disables or enables an account. Disabling ends its sessions at once and refuses its API keys; the account and
     * its data stay.
     *
     * @throws IllegalArgumentException if there is no such account
     * @throws IllegalStateException if an administrator would disable their own account
     */
    void setEnabled(String administratorId, String accountId, boolean enabled);

    /**
     * An account with its state.
     *
     * @param state "ACTIVE", "PENDING" (registered, never signed in) or "DISABLED"
     */
    record AccountEntry(Account account, String state) {
    }
}
