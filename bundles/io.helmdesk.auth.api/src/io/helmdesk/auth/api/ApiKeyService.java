package io.helmdesk.auth.api;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** API keys: long-lived bearer tokens of an account for programs, limited to scopes. */
@ProviderType
public interface ApiKeyService {

    /** The most keys one account may have at once. */
    int MAX_KEYS_PER_ACCOUNT = 50;

    /**
     * Creates a key. Its secret is in the result only: it is stored hashed and cannot be shown again.
     *
     * @param scopes the permissions the key carries; each must be one the account has
     * @throws IllegalArgumentException if the name or scopes are not acceptable, or the account has too many keys
     */
    CreatedApiKey create(String accountId, String name, Set<Permission> scopes);

    /** The account's keys, newest first, revoked ones included; never their secrets. */
    List<ApiKey> list(String accountId);

    /**
     * Revokes a key at once.
     *
     * @throws IllegalArgumentException if the account has no such key
     */
    void revoke(String accountId, String keyId);

    /**
     * A key without its secret.
     *
     * @param prefix the first characters of the secret, to recognise it
     */
    record ApiKey(String id, String name, String prefix, Set<Permission> scopes, java.time.Instant createdAt,
            java.time.Instant lastUsedAt, java.time.Instant revokedAt) {
    }

    /** A new key with its secret, shown this once. */
    record CreatedApiKey(ApiKey key, String secret) {
    }
}
