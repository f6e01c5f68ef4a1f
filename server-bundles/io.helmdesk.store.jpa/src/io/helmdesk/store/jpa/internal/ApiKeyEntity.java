package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.ApiKeyRecord;

/** One row of {@code helmdesk_api_key}. */
@Entity
@Table(name = "helmdesk_api_key")
public class ApiKeyEntity {

    @Id
    private String id;
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "key_name")
    private String name;
    @Column(name = "key_prefix")
    private String prefix;
    @Column(name = "key_hash")
    private String keyHash;
    private String scopes;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "last_used_at")
    private long lastUsedAt;
    @Column(name = "revoked_at")
    private long revokedAt;

    protected ApiKeyEntity() {
        // for JPA
    }

    ApiKeyEntity(ApiKeyRecord key) {
        id = key.id();
        accountId = key.accountId();
        name = key.name();
        prefix = key.prefix();
        keyHash = key.keyHash();
        scopes = key.scopes();
        createdAt = key.createdAt();
        lastUsedAt = key.lastUsedAt();
        revokedAt = key.revokedAt();
    }

    String accountId() {
        return accountId;
    }

    long revokedAt() {
        return revokedAt;
    }

    void revoke(long when) {
        revokedAt = when;
    }

    void touch(long when) {
        lastUsedAt = when;
    }

    ApiKeyRecord toRecord() {
        return new ApiKeyRecord(id, accountId, name, prefix, keyHash, scopes, createdAt, lastUsedAt, revokedAt);
    }
}
