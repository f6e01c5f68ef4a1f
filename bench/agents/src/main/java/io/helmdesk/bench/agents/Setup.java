package io.helmdesk.bench.agents;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What every simulated agent shares: where the server is, how to trust it, the token to enroll with, the timer and
 * the counters.
 *
 * @param heartbeatSeconds 0 to use the interval the server sends in {@code Authenticated}
 * @param previewSeconds 0 for no previews
 */
record Setup(String host, int port, PinnedTrust trust, String token, Stats stats, PreviewPictures pictures,
        ScheduledExecutorService timer, long startNanos, int agents, int attempts, int heartbeatSeconds,
        int previewSeconds, int handshakeTimeoutMillis, AtomicInteger serverHeartbeatSeconds) {

    void heartbeatSecondsSeen(int seconds) {
        serverHeartbeatSeconds.set(seconds);
    }
}
