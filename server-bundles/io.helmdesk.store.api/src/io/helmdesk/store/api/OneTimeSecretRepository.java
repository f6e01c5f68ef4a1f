package io.helmdesk.store.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Single-use secrets. */
@ProviderType
public interface OneTimeSecretRepository {

    /** Stores a secret, replacing any earlier one of the same account and purpose (a new link voids the old). */
    void replace(OneTimeSecretRecord secret);

    Optional<OneTimeSecretRecord> find(String secretHash);

    /** The account's secret of this purpose, for short codes that are looked up by account, not by hash. */
    Optional<OneTimeSecretRecord> findFor(String accountId, String purpose);

    /**
     * Counts a wrong try against the secret, atomically; at zero tries left it is deleted (burnt).
     *
     * @return the tries left after this one
     */
    int wrongTry(String secretHash);

    /** Removes and returns the secret in one transaction: whoever takes it, takes it alone. */
    Optional<OneTimeSecretRecord> take(String secretHash);
}
