package io.helmdesk.auth.impl.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import io.helmdesk.auth.api.RateLimitedException;
import io.helmdesk.store.api.AttemptCounter;
import io.helmdesk.store.api.AttemptCounterRepository;

/**
 * The limiting rules on a clock the test moves. The counters live in a map here; that they survive a restart in the
 * database is shown by the system tests.
 */
class AttemptLimiterTest {

    private final Map<String, AttemptCounter> stored = new HashMap<>();
    private final AttemptCounterRepository counters = new AttemptCounterRepository() {

        @Override
        public Optional<AttemptCounter> find(String bucket) {
            return Optional.ofNullable(stored.get(bucket));
        }

        @Override
        public AttemptCounter update(String bucket, UnaryOperator<AttemptCounter> change) {
            AttemptCounter changed = change.apply(stored.getOrDefault(bucket, new AttemptCounter(bucket, 0, 0, 0, 0)));
            stored.put(bucket, changed);
            return changed;
        }

        @Override
        public void delete(String bucket) {
            stored.remove(bucket);
        }
    };
    private Instant now = Instant.parse("2026-11-21T10:00:00Z");
    private final AttemptLimiter limiter = new AttemptLimiter(counters, new Clock() {

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void threeFailuresAreFreeThenDelaysGrow() {
        for (int i = 0; i < 3; i++) {
            limiter.check("b");
            limiter.failed("b", 100);
        }
        assertDoesNotThrow(() -> limiter.check("b"));
        limiter.failed("b", 100);
        assertEquals(1, assertThrows(RateLimitedException.class, () -> limiter.check("b")).retryAfterSeconds());
        now = now.plusSeconds(1);
        limiter.check("b");
        limiter.failed("b", 100);
        assertEquals(2, assertThrows(RateLimitedException.class, () -> limiter.check("b")).retryAfterSeconds());
        now = now.plusSeconds(2);
        limiter.failed("b", 100);
        assertEquals(4, assertThrows(RateLimitedException.class, () -> limiter.check("b")).retryAfterSeconds());
    }

    @Test
    void delaysStopAtFifteenMinutes() {
        for (int i = 0; i < 30; i++) {
            limiter.failed("b", 1000);
        }
        assertEquals(Duration.ofMinutes(15).toSeconds(),
                assertThrows(RateLimitedException.class, () -> limiter.check("b")).retryAfterSeconds());
    }

    @Test
    void theHourlyLimitBlocksUntilTheWindowEnds() {
        for (int i = 0; i < 10; i++) {
            limiter.failed("b", 10);
            limiter.succeeded("b"); // successes between failures do not reset the hourly count
        }
        assertEquals(3600, assertThrows(RateLimitedException.class, () -> limiter.check("b")).retryAfterSeconds());
        now = now.plus(Duration.ofHours(1));
        assertDoesNotThrow(() -> limiter.check("b"));
        limiter.failed("b", 10);
        assertEquals(1, stored.get("b").failures(), "a new window counts from zero");
    }

    @Test
    void aSuccessEndsTheRunOfFailures() {
        for (int i = 0; i < 5; i++) {
            limiter.failed("b", 100);
        }
        now = now.plus(Duration.ofMinutes(1));
        limiter.succeeded("b");
        assertEquals(0, stored.get("b").consecutive());
        limiter.failed("b", 100);
        assertDoesNotThrow(() -> limiter.check("b"));
    }
}
