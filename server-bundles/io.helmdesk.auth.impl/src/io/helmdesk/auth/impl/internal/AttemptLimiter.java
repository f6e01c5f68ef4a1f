package io.helmdesk.auth.impl.internal;

import java.time.Clock;
import java.time.Duration;

import io.helmdesk.auth.api.RateLimitedException;
import io.helmdesk.store.api.AttemptCounter;
import io.helmdesk.store.api.AttemptCounterRepository;

/**
 * Limits failed attempts per bucket (an account, a source address), with counters in the database so that a
 * restart does not reset them: at most N failures per hour, and growing delays after three in a row (1 s, 2 s,
 * 4 s… up to 15 min). A success clears the run of consecutive failures, not the hourly count.
 */
final class AttemptLimiter {

    static final Duration WINDOW = Duration.ofHours(1);
    static final int FREE_CONSECUTIVE_FAILURES = 3;
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

    private final AttemptCounterRepository counters;
    private final Clock clock;

    AttemptLimiter(AttemptCounterRepository counters, Clock clock) {
        this.counters = counters;
        this.clock = clock;
    }

    /**
     * Refuses the attempt if the bucket is blocked now.
     *
     * @throws RateLimitedException with the seconds to wait
     */
    void check(String bucket) {
        counters.find(bucket).ifPresent(counter -> {
            long now = clock.millis();
            if (counter.blockedUntil() > now) {
                throw new RateLimitedException(Math.max(1, (counter.blockedUntil() - now + 999) / 1000));
            }
        });
    }

    /** Counts a failure; blocks the bucket for a growing delay, or until the window ends once over the limit. */
    void failed(String bucket, int maxFailuresPerWindow) {
        failed(bucket, maxFailuresPerWindow, true);
    }

    /**
     * Counts a failure; blocks the bucket until the window ends once over the limit, and, with growing delays,
     * for a while after every failure past the third in a row.
     */
    void failed(String bucket, int maxFailuresPerWindow, boolean growingDelays) {
        long now = clock.millis();
        counters.update(bucket, counter -> {
            boolean newWindow = now - counter.windowStart() >= WINDOW.toMillis();
            long windowStart = newWindow ? now : counter.windowStart();
            int failures = newWindow ? 1 : counter.failures() + 1;
            int consecutive = counter.consecutive() + 1;
            long blockedUntil = 0;
            if (failures >= maxFailuresPerWindow) {
                blockedUntil = windowStart + WINDOW.toMillis();
            } else if (growingDelays && consecutive > FREE_CONSECUTIVE_FAILURES) {
                long delay = Math.min(MAX_DELAY.toMillis(),
                        1000L << Math.min(20, consecutive - FREE_CONSECUTIVE_FAILURES - 1));
                blockedUntil = now + delay;
            }
            return new AttemptCounter(bucket, failures, consecutive, windowStart, blockedUntil);
        });
    }

    /** A success ends the run of consecutive failures and its delay; the hourly count and its block stay. */
    void succeeded(String bucket) {
        counters.find(bucket).filter(counter -> counter.consecutive() > 0).ifPresent(found -> counters.update(bucket,
                counter -> new AttemptCounter(bucket, counter.failures(), 0, counter.windowStart(),
                        counter.blockedUntil() >= counter.windowStart() + WINDOW.toMillis()
                                ? counter.blockedUntil()
                                : 0)));
    }
}
