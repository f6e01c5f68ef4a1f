package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.EnrollmentTokenRecord;

/** One row of {@code helmdesk_enrollment_token}. */
@Entity
@Table(name = "helmdesk_enrollment_token")
public class EnrollmentTokenEntity {

    @Id
    private String id;
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "token_name")
    private String name;
    @Column(name = "token_prefix")
    private String prefix;
    @Column(name = "token_hash")
    private String tokenHash;
    @Column(name = "uses_left")
    private int usesLeft;
    private int uses;
    @Column(name = "expires_at")
    private long expiresAt;
    @Column(name = "revoked_at")
    private long revokedAt;
    @Column(name = "created_at")
    private long createdAt;

    protected EnrollmentTokenEntity() {
        // for JPA
    }

    EnrollmentTokenEntity(EnrollmentTokenRecord token) {
        id = token.id();
        accountId = token.accountId();
        name = token.name();
        prefix = token.prefix();
        tokenHash = token.tokenHash();
        usesLeft = token.usesLeft();
        uses = token.uses();
        expiresAt = token.expiresAt();
        revokedAt = token.revokedAt();
        createdAt = token.createdAt();
    }

    /** @return whether a use was left (and is now spent) */
    boolean use(long now) {
        if (revokedAt != 0 || (expiresAt != 0 && expiresAt <= now) || usesLeft == 0) {
            return false;
        }
        if (usesLeft > 0) {
            usesLeft--;
        }
        uses++;
        return true;
    }

    boolean revoke(long now) {
        if (revokedAt != 0) {
            return false;
        }
        revokedAt = now;
        return true;
    }

    String accountId() {
        return accountId;
    }

    EnrollmentTokenRecord toRecord() {
        return new EnrollmentTokenRecord(id, accountId, name, prefix, tokenHash, usesLeft, uses, expiresAt, revokedAt,
                createdAt);
    }
}
