package io.helmdesk.store.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Enrollment tokens. */
@ProviderType
public interface EnrollmentTokenRepository {

    void insert(EnrollmentTokenRecord token);

    /** Newest first. */
    List<EnrollmentTokenRecord> listForAccount(String accountId);

    /**
     * Spends one use of a valid token, atomically.
     *
     * @return the token as it was, if it is known, not revoked, not expired at {@code now} and has a use left
     */
    Optional<EnrollmentTokenRecord> use(String tokenHash, long now);

    /** @return false if the account has no such token, or it was revoked already */
    boolean revoke(String accountId, String tokenId, long now);
}
