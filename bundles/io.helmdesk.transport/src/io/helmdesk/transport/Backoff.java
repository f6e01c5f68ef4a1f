package io.helmdesk.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * How long to wait before connecting again: exponential backoff with full jitter, as in the AWS architecture blog
 * ("Exponential Backoff And Jitter"). The n-th delay is uniformly random between 0 and {@code min(cap, base * 2^n)},
 * so that thousands of agents that lost the server at the same moment do not come back at the same moment.
 *
 * @param base the bound of the first delay (attempt 0)
 * @param cap no delay is longer than this
 */
public record Backoff(Duration base, Duration cap) {

    public Backoff {
        Settings.positive("base", base);
        Objects.requireNonNull(cap, "cap");
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("cap " + cap + " is shorter than base " + base);
        }
    }

    /** 1 s base, 60 s cap. */
    public static Backoff defaults() {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    /**
     * The delay before the next attempt.
     *
     * @param attempt the number of attempts that failed in a row, 0 or more
     * @return between 0 and {@link #bound(int)}, both included
     */
    public Duration delay(int attempt, RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        long bound = boundNanos(attempt);
        long nanos = bound == Long.MAX_VALUE ? random.nextLong(bound) : random.nextLong(bound + 1);
        return Duration.ofNanos(nanos);
    }

    /** The largest delay for this attempt: {@code min(cap, base * 2^attempt)}. */
    public Duration bound(int attempt) {
        return Duration.ofNanos(boundNanos(attempt));
    }

    private long boundNanos(int attempt) {
        if (attempt < 0) {
            throw new IllegalArgumentException("attempt must be 0 or more, not " + attempt);
        }
        long baseNanos = saturatedNanos(base);
        long capNanos = saturatedNanos(cap);
        // base << attempt stays within cap (hence without overflow) exactly when base <= cap >> attempt.
        if (attempt < Long.SIZE - 1 && baseNanos <= capNanos >> attempt) {
            return baseNanos << attempt;
        }
        return capNanos;
    }

    private static long saturatedNanos(Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }
}
