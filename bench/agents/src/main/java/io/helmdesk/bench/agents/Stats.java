package io.helmdesk.bench.agents;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What all simulated agents count and measure; shared, thread-safe. */
final class Stats {

    final AtomicInteger online = new AtomicInteger();
    final LongAdder enrolled = new LongAdder();
    final LongAdder reconnected = new LongAdder();
    final LongAdder failedAgents = new LongAdder();
    final LongAdder failedAttempts = new LongAdder();
    final LongAdder dropped = new LongAdder();

    final LongAdder heartbeatsSent = new LongAdder();
    final LongAdder heartbeatAcks = new LongAdder();
    final LongAdder previewsSent = new LongAdder();
    final LongAdder previewBytes = new LongAdder();
    final LongAdder statusSent = new LongAdder();
    final LongAdder commands = new LongAdder();
    final LongAdder serverHeartbeats = new LongAdder();
    final LongAdder unexpected = new LongAdder();

    /** Heartbeat round trips (send → HeartbeatAck) since the start. */
    final Histogram heartbeatAll = new Histogram();
    /** Heartbeat round trips within the measured window only. */
    final Histogram heartbeatWindow = new Histogram();
    /** TCP connect + TLS handshake + hello … authenticated, per successful attempt, by kind. */
    final Histogram connectEnroll = new Histogram();
    final Histogram connectReconnect = new Histogram();

    final AtomicLong firstAttemptNanos = new AtomicLong(Long.MAX_VALUE);
    final AtomicLong lastAuthenticatedNanos = new AtomicLong(Long.MIN_VALUE);

    private final Map<String, LongAdder> attemptErrors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> drops = new ConcurrentHashMap<>();

    void attemptStarted(long nanos) {
        firstAttemptNanos.accumulateAndGet(nanos, Math::min);
    }

    void authenticated(long startedNanos, long nowNanos, boolean enrolledNow) {
        lastAuthenticatedNanos.accumulateAndGet(nowNanos, Math::max);
        online.incrementAndGet();
        if (enrolledNow) {
            enrolled.increment();
            connectEnroll.record(nowNanos - startedNanos);
        } else {
            reconnected.increment();
            connectReconnect.record(nowNanos - startedNanos);
        }
    }

    void attemptFailed(String kind) {
        failedAttempts.increment();
        attemptErrors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void dropped(String reason) {
        dropped.increment();
        online.decrementAndGet();
        drops.computeIfAbsent(reason, k -> new LongAdder()).increment();
    }

    void heartbeatAcked(long roundTripNanos) {
        heartbeatAcks.increment();
        heartbeatAll.record(roundTripNanos);
        heartbeatWindow.record(roundTripNanos);
    }

    String attemptErrors() {
        return describe(attemptErrors);
    }

    String drops() {
        return describe(drops);
    }

    private static String describe(Map<String, LongAdder> counts) {
        if (counts.isEmpty()) {
            return "none";
        }
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        StringBuilder text = new StringBuilder();
        sorted.forEach((k, v) -> text.append(text.isEmpty() ? "" : "; ").append(v).append("× ").append(k));
        return text.toString();
    }
}
