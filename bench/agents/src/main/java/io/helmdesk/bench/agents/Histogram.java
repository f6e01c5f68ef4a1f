package io.helmdesk.bench.agents;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A lock-free latency histogram in nanoseconds: 1 µs buckets below 10 ms, 1 ms buckets from 10 ms to 10 s, and an
 * overflow count above. Percentiles are the upper bound of the bucket they fall into (at most 1 µs too high below
 * 10 ms); the maximum is exact.
 */
final class Histogram {

    private static final long FINE_NANOS = 1_000;
    private static final int FINE_BUCKETS = 10_000;
    private static final long COARSE_NANOS = 1_000_000;
    private static final int COARSE_BUCKETS = 10_000;
    private static final long FINE_END = FINE_NANOS * FINE_BUCKETS;

    private final AtomicLongArray fine = new AtomicLongArray(FINE_BUCKETS);
    private final AtomicLongArray coarse = new AtomicLongArray(COARSE_BUCKETS);
    private final LongAdder overflow = new LongAdder();
    private final LongAdder count = new LongAdder();
    private final LongAdder sum = new LongAdder();
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long value = Math.max(0, nanos);
        if (value < FINE_END) {
            fine.incrementAndGet((int) (value / FINE_NANOS));
        } else {
            long index = (value - FINE_END) / COARSE_NANOS;
            if (index < COARSE_BUCKETS) {
                coarse.incrementAndGet((int) index);
            } else {
                overflow.increment();
            }
        }
        count.increment();
        sum.add(value);
        max.accumulateAndGet(value, Math::max);
    }

    /** Forgets everything recorded so far (values recorded concurrently may be half counted). */
    void reset() {
        for (int i = 0; i < FINE_BUCKETS; i++) {
            fine.set(i, 0);
        }
        for (int i = 0; i < COARSE_BUCKETS; i++) {
            coarse.set(i, 0);
        }
        overflow.reset();
        count.reset();
        sum.reset();
        max.set(0);
    }

    long count() {
        return count.sum();
    }

    long maxNanos() {
        return max.get();
    }

    double meanNanos() {
        long n = count.sum();
        return n == 0 ? 0 : (double) sum.sum() / n;
    }

    /** The value at or below which {@code fraction} of the recorded values lie, in nanoseconds; 0 when empty. */
    long percentileNanos(double fraction) {
        long total = 0;
        long[] fineCounts = new long[FINE_BUCKETS];
        long[] coarseCounts = new long[COARSE_BUCKETS];
        for (int i = 0; i < FINE_BUCKETS; i++) {
            fineCounts[i] = fine.get(i);
            total += fineCounts[i];
        }
        for (int i = 0; i < COARSE_BUCKETS; i++) {
            coarseCounts[i] = coarse.get(i);
            total += coarseCounts[i];
        }
        long over = overflow.sum();
        total += over;
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(fraction * total));
        long seen = 0;
        for (int i = 0; i < FINE_BUCKETS; i++) {
            seen += fineCounts[i];
            if (seen >= rank) {
                return Math.min((i + 1) * FINE_NANOS, max.get());
            }
        }
        for (int i = 0; i < COARSE_BUCKETS; i++) {
            seen += coarseCounts[i];
            if (seen >= rank) {
                return Math.min(FINE_END + (i + 1) * COARSE_NANOS, max.get());
            }
        }
        return max.get();
    }

    static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
    }

    /** "p50 0.123 / p90 … / p99 … / p99.9 … / max … ms (n values)". */
    String describe() {
        return "p50 " + millis(percentileNanos(0.50)) + " / p90 " + millis(percentileNanos(0.90)) + " / p99 "
                + millis(percentileNanos(0.99)) + " / p99.9 " + millis(percentileNanos(0.999)) + " / max "
                + millis(maxNanos()) + " ms (" + count() + " values)";
    }
}
