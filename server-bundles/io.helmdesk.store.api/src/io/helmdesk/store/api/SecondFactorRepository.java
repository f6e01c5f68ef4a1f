package io.helmdesk.store.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Second factors of accounts. */
@ProviderType
public interface SecondFactorRepository {

    Optional<SecondFactorRecord> find(String accountId);

    /** Stores the account's second factor, replacing any earlier one. */
    void save(SecondFactorRecord factor);

    void delete(String accountId);

    /**
     * Records that a code of this time step was used, atomically, only if the step is later than the last one.
     *
     * @return false if a code of this step (or a later one) was used already: the code is a replay
     */
    boolean advance(String accountId, long step);
}
