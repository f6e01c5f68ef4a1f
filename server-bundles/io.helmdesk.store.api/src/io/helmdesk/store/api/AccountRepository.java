package io.helmdesk.store.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Accounts. */
@ProviderType
public interface AccountRepository {

    Optional<AccountRecord> findById(String id);

    Optional<AccountRecord> findByEmailKey(String emailKey);

    long count();

    /** Every account, by e-mail address. */
    java.util.List<AccountRecord> list();

    /**
     * Stores a new account.
     *
     * @throws IllegalStateException if an account with this e-mail address exists
     */
    void insert(AccountRecord account);

    /** Stores what changed. @throws IllegalArgumentException if the account does not exist */
    void update(AccountRecord account);

    /** Deletes the account with its sessions and API keys; does nothing if it does not exist. */
    void delete(String id);

    /** How many active accounts have this role. */
    long countActiveWithRole(String role);

    /**
     * Stores the first account, only while there is none, atomically.
     *
     * @return false if an account exists already: nothing was stored
     */
    boolean insertFirst(AccountRecord account);
}
