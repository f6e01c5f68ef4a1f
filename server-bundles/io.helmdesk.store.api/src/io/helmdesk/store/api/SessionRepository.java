package io.helmdesk.store.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Sessions, by the hash of their token. */
@ProviderType
public interface SessionRepository {

    void insert(SessionRecord session);

    Optional<SessionRecord> find(String tokenHash);

    /** Records a use of the session. */
    void touch(String tokenHash, long lastUsedAt);

    void delete(String tokenHash);

    /** Ends every session of an account, but the one given (null: all). */
    int deleteForAccount(String accountId, String keepTokenHash);

    /** Removes sessions idle since before {@code idleBefore} or past their absolute end. */
    int deleteExpired(long now, long idleBefore);
}
