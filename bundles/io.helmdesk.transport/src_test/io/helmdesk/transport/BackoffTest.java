package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** Exponential backoff with full jitter: uniform between 0 and min(cap, base * 2^n). */
class BackoffTest {

    private static final int SAMPLES = 20_000;

    @Test
    void delaysStayWithinTheBoundAndAverageHalfOfIt() {
        Backoff backoff = Backoff.defaults();
        SplittableRandom random = new SplittableRandom(42);
        for (int attempt = 0; attempt < 12; attempt++) {
            long bound = Math.min(60_000_000_000L, 1_000_000_000L << attempt);
            assertEquals(Duration.ofNanos(bound), backoff.bound(attempt));
            long max = 0;
            double sum = 0;
            for (int i = 0; i < SAMPLES; i++) {
                long delay = backoff.delay(attempt, random).toNanos();
                assertTrue(delay >= 0 && delay <= bound, "attempt " + attempt + ": " + delay);
                max = Math.max(max, delay);
                sum += delay;
            }
            double mean = sum / SAMPLES / bound;
            assertTrue(mean > 0.47 && mean < 0.53, "attempt " + attempt + ": mean " + mean + " of the bound");
            assertTrue(max > 0.99 * bound, "attempt " + attempt + ": the whole range is used, max " + max);
        }
    }

    @Test
    void theCapHoldsForAnyNumberOfAttempts() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        SplittableRandom random = new SplittableRandom(7);
        for (int attempt : new int[]{6, 30, 62, 63, 64, 1000, Integer.MAX_VALUE}) {
            assertEquals(Duration.ofSeconds(5), backoff.bound(attempt));
            for (int i = 0; i < 1000; i++) {
                assertTrue(backoff.delay(attempt, random).compareTo(Duration.ofSeconds(5)) <= 0);
            }
        }
        assertEquals(Duration.ofMillis(3200), backoff.bound(5));
    }

    @Test
    void defaultsAndChecks() {
        assertEquals(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(60)), Backoff.defaults());
        assertThrows(IllegalArgumentException.class, () -> Backoff.defaults().delay(-1, new SplittableRandom()));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
        Backoff huge = new Backoff(Duration.ofDays(365 * 300L), Duration.ofDays(365 * 400L));
        assertEquals(Duration.ofNanos(Long.MAX_VALUE), huge.bound(3), "saturates instead of overflowing");
    }
}
