package io.helmdesk.store.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** API keys. */
@ProviderType
public interface ApiKeyRepository {

    void insert(ApiKeyRecord key);

    Optional<ApiKeyRecord> findByHash(String keyHash);

    /** Newest first. */
    List<ApiKeyRecord> listForAccount(String accountId);

    /** @return false if the account has no such key, or it was revoked already */
    boolean revoke(String accountId, String keyId, long now);

    void touch(String keyId, long lastUsedAt);
}
