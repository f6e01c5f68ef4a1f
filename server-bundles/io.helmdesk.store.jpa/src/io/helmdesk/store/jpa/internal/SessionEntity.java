package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.SessionRecord;

/** One row of {@code helmdesk_session}. */
@Entity
@Table(name = "helmdesk_session")
public class SessionEntity {

    @Id
    @Column(name = "token_hash")
    private String tokenHash;
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "created_at")
    private long createdAt;
    @Column(name = "last_used_at")
    private long lastUsedAt;
    @Column(name = "expires_at")
    private long expiresAt;

    protected SessionEntity() {
        // for JPA
    }

    SessionEntity(SessionRecord session) {
        tokenHash = session.tokenHash();
        accountId = session.accountId();
        createdAt = session.createdAt();
        lastUsedAt = session.lastUsedAt();
        expiresAt = session.expiresAt();
    }

    void touch(long when) {
        lastUsedAt = when;
    }

    SessionRecord toRecord() {
        return new SessionRecord(tokenHash, accountId, createdAt, lastUsedAt, expiresAt);
    }
}
