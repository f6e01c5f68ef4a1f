package io.helmdesk.transport.internal;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.message.Heartbeat;

/**
 * Keeps a client connection alive and notices a dead server: sends a heartbeat when the connection was quiet for an
 * interval, and closes the connection ("server silent") when nothing arrived for {@link #SILENT_INTERVALS} intervals,
 * even if the TCP connection still looks fine (a server that hangs, a NAT that dropped the mapping).
 *
 * <p>
 * Quiet means that nothing was sent for an interval (the peer, which gives up on a silent client, would hear nothing),
 * or that nothing arrived for one (the answer proves the peer alive). A connection busy both ways, such as a remote
 * session whose screen updates are acknowledged, needs no heartbeat, and sends none.
 */
final class ClientHeartbeats implements Runnable {

    static final int SILENT_INTERVALS = 3;

    private final Logger logger = LoggerFactory.getLogger(ClientHeartbeats.class);
    private final MinaConnection connection;
    private final long intervalNanos;
    private long sequence;
    private long nextNanos;

    ClientHeartbeats(MinaConnection connection, Duration interval) {
        this.connection = connection;
        this.intervalNanos = interval.toNanos();
        this.nextNanos = System.nanoTime() + intervalNanos;
    }

    /** How often to run: a quarter of the interval, between 5 ms and 1 s, so that silence is noticed in time. */
    static Duration period(Duration interval) {
        Duration quarter = interval.dividedBy(4);
        if (quarter.compareTo(Duration.ofMillis(5)) < 0) {
            return Duration.ofMillis(5);
        }
        return quarter.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : quarter;
    }

    @Override
    public void run() {
        try {
            if (!connection.isOpen()) {
                return;
            }
            long now = System.nanoTime();
            connection.checkSilence(now, SILENT_INTERVALS * intervalNanos, Reasons.SERVER_SILENT);
            // With the queue full (a large upload to a slow link), the bytes already going out prove more than a
            // heartbeat would, and queueing one more would count as a slow peer.
            boolean quiet = now - connection.lastQueuedNanos() >= intervalNanos
                    || now - connection.lastReceivedNanos() >= intervalNanos;
            if (connection.isOpen() && quiet && now - nextNanos >= 0 && !connection.isQueueFull()) {
                connection.send(new Heartbeat(sequence++, now));
                nextNanos = now + intervalNanos;
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: keep the heartbeat alive.
            logger.warn("Sending a heartbeat on {} failed", connection.id(), e);
        }
    }
}
