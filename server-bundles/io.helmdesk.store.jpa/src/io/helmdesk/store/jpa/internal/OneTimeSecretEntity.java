package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.OneTimeSecretRecord;

/** One row of {@code helmdesk_one_time_secret}. */
@Entity
@Table(name = "helmdesk_one_time_secret")
public class OneTimeSecretEntity {

    @Id
    @Column(name = "secret_hash")
    private String secretHash;
    @Column(name = "account_id")
    private String accountId;
    private String purpose;
    @Column(name = "expires_at")
    private long expiresAt;
    @Column(name = "tries_left")
    private int triesLeft;
    private String payload;

    protected OneTimeSecretEntity() {
        // for JPA
    }

    OneTimeSecretEntity(OneTimeSecretRecord secret) {
        secretHash = secret.secretHash();
        accountId = secret.accountId();
        purpose = secret.purpose();
        expiresAt = secret.expiresAt();
        triesLeft = secret.triesLeft();
        payload = secret.payload();
    }

    /** @return the tries left after this one */
    int spendTry() {
        triesLeft--;
        return triesLeft;
    }

    OneTimeSecretRecord toRecord() {
        return new OneTimeSecretRecord(secretHash, accountId, purpose, expiresAt, triesLeft, payload);
    }
}
