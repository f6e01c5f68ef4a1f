package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.SecondFactorRecord;

/** One row of {@code helmdesk_second_factor}. */
@Entity
@Table(name = "helmdesk_second_factor")
public class SecondFactorEntity {

    @Id
    @Column(name = "account_id")
    private String accountId;
    private String method;
    private int enabled;
    @Column(name = "secret_sealed")
    private String secretSealed;
    @Column(name = "last_step")
    private long lastStep;

    protected SecondFactorEntity() {
        // for JPA
    }

    SecondFactorEntity(SecondFactorRecord factor) {
        accountId = factor.accountId();
        copy(factor);
    }

    void copy(SecondFactorRecord factor) {
        method = factor.method();
        enabled = factor.enabled() ? 1 : 0;
        secretSealed = factor.secretSealed();
        lastStep = factor.lastStep();
    }

    long lastStep() {
        return lastStep;
    }

    void advance(long step) {
        lastStep = step;
    }

    SecondFactorRecord toRecord() {
        return new SecondFactorRecord(accountId, method, enabled == 1, secretSealed, lastStep);
    }
}
