package io.helmdesk.store.api;

import java.util.Optional;
import java.util.function.UnaryOperator;

import org.osgi.annotation.versioning.ProviderType;

/** Counters of failed attempts, kept in the database so that a restart does not reset a brute-force limit. */
@ProviderType
public interface AttemptCounterRepository {

    Optional<AttemptCounter> find(String bucket);

    /**
     * Changes a counter in one transaction: the function gets the current counter (or a zero one) and returns the
     * new one, which is stored.
     */
    AttemptCounter update(String bucket, UnaryOperator<AttemptCounter> change);

    void delete(String bucket);
}
