package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.AttemptCounter;

/** One row of {@code helmdesk_attempt_counter}. */
@Entity
@Table(name = "helmdesk_attempt_counter")
public class AttemptCounterEntity {

    @Id
    private String bucket;
    private int failures;
    private int consecutive;
    @Column(name = "window_start")
    private long windowStart;
    @Column(name = "blocked_until")
    private long blockedUntil;

    protected AttemptCounterEntity() {
        // for JPA
    }

    AttemptCounterEntity(AttemptCounter counter) {
        bucket = counter.bucket();
        copy(counter);
    }

    void copy(AttemptCounter counter) {
        failures = counter.failures();
        consecutive = counter.consecutive();
        windowStart = counter.windowStart();
        blockedUntil = counter.blockedUntil();
    }

    AttemptCounter toRecord() {
        return new AttemptCounter(bucket, failures, consecutive, windowStart, blockedUntil);
    }
}
