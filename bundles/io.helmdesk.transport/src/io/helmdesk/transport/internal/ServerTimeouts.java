package io.helmdesk.transport.internal;

import java.time.Duration;

import org.apache.mina.core.service.IoService;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's timeouts, checked by one periodic sweep over its sessions instead of a timer per connection: peers
 * that do not finish the TLS handshake in time, and open connections from which nothing arrived for too long. A
 * sweep over 20,000 sessions takes well under a millisecond.
 */
public final class ServerTimeouts implements Runnable {

    private final Logger logger = LoggerFactory.getLogger(ServerTimeouts.class);
    private final IoService service;
    private final long handshakeNanos;
    private final long readIdleNanos;

    public ServerTimeouts(IoService service, Duration handshakeTimeout, Duration readIdleTimeout) {
        this.service = service;
        this.handshakeNanos = handshakeTimeout.toNanos();
        this.readIdleNanos = readIdleTimeout.toNanos();
    }

    /** How often to sweep: a quarter of the shorter timeout, between 10 ms and 1 s. */
    public static Duration period(Duration handshakeTimeout, Duration readIdleTimeout) {
        Duration shorter = handshakeTimeout.compareTo(readIdleTimeout) < 0 ? handshakeTimeout : readIdleTimeout;
        Duration quarter = shorter.dividedBy(4);
        if (quarter.compareTo(Duration.ofMillis(10)) < 0) {
            return Duration.ofMillis(10);
        }
        return quarter.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : quarter;
    }

    @Override
    public void run() {
        try {
            long now = System.nanoTime();
            for (IoSession session : service.getManagedSessions().values()) {
                MinaConnection connection = MinaConnection.of(session);
                if (connection != null) {
                    connection.checkHandshake(now, handshakeNanos);
                    connection.checkSilence(now, readIdleNanos, Reasons.READ_IDLE_TIMEOUT);
                }
            }
        } catch (RuntimeException e) {
            // A periodic task that throws is never run again: keep the sweep alive.
            logger.warn("The timeout sweep failed", e);
        }
    }
}
