package io.helmdesk.transport;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.message.Message;
import io.helmdesk.transport.internal.Threads;

/**
 * Keeps one client connection up, as the agent needs: connects, and after any close or failed attempt waits
 * {@link Backoff#delay(int, java.util.random.RandomGenerator) backoff.delay(attempts)} and tries again, until
 * {@link #stop()}. The handler sees each connection's {@code opened} and {@code closed}, as with
 * {@link TransportClient}. Attempts run on one thread of its own, never on a network thread.
 */
public final class Reconnector implements AutoCloseable {

    private final Logger logger = LoggerFactory.getLogger(Reconnector.class);
    private final Supplier<InetSocketAddress> server;
    private final SSLContext tls;
    private final ClientSettings settings;
    private final Backoff backoff;
    private final ConnectionHandler handler;
    private final ScheduledThreadPoolExecutor executor = Threads.timer("helmdesk-reconnector");
    private final AtomicInteger attempts = new AtomicInteger();
    private volatile Connection current;
    private volatile boolean stopped;
    private boolean started;
    private ScheduledFuture<?> next;

    /**
     * @param server asked before every attempt, so the address may change (e.g. after the server moved)
     * @param handler receives the events of every connection made
     */
    public Reconnector(Supplier<InetSocketAddress> server, SSLContext tls, ClientSettings settings, Backoff backoff,
            ConnectionHandler handler) {
        this.server = Objects.requireNonNull(server, "server");
        this.tls = Objects.requireNonNull(tls, "tls");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.handler = Objects.requireNonNull(handler, "handler");
    }

    /** Makes the first attempt at once; calling it again does nothing. */
    public synchronized void start() {
        if (stopped) {
            throw new IllegalStateException("This reconnector was stopped; make a new one");
        }
        if (!started) {
            started = true;
            schedule(Duration.ZERO);
        }
    }

    /**
     * No more attempts (e.g. the server said {@code Bye(DEVICE_REMOVED)}); closes the current connection with the
     * reason {@code "stopped"}. Does not block: may be called from the handler.
     */
    public void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
            if (next != null) {
                next.cancel(false);
            }
        }
        // Interrupts an attempt in progress; it closes what it opened.
        executor.shutdownNow();
        Connection connection = current;
        if (connection != null) {
            connection.close("stopped");
        }
    }

    /** The connection, while one is open. */
    public Optional<Connection> current() {
        Connection connection = current;
        return connection != null && connection.isOpen() ? Optional.of(connection) : Optional.empty();
    }

    /** Failed attempts since the last successful connection. */
    public int attempts() {
        return attempts.get();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    private synchronized void schedule(Duration delay) {
        if (stopped) {
            return;
        }
        try {
            next = executor.schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopping) {
            logger.debug("Not reconnecting: stopping");
        }
    }

    private void attempt() {
        if (stopped) {
            return;
        }
        InetSocketAddress address = null;
        try {
            address = Objects.requireNonNull(server.get(), "no server address");
            Connection connection = TransportClient.connect(address, tls, settings, new Tracking());
            if (stopped) {
                connection.close("stopped");
            }
        } catch (IOException | RuntimeException e) {
            if (stopped) {
                return;
            }
            int failed = attempts.incrementAndGet();
            Duration delay = backoff.delay(failed, ThreadLocalRandom.current());
            // Said once per outage; an agent offline for days would otherwise fill its log.
            if (failed == 1) {
                logger.info("Cannot connect to {}: {}; trying again with backoff", address, e.getMessage());
            }
            logger.debug("Attempt {} to connect to {} failed: {}; next in {} ms", failed, address, e.getMessage(),
                    delay.toMillis());
            schedule(delay);
        }
    }

    /** Passes events on, and reconnects after a close. */
    private final class Tracking implements ConnectionHandler {

        @Override
        public void opened(Connection connection) {
            current = connection;
            attempts.set(0);
            handler.opened(connection);
        }

        @Override
        public void received(Connection connection, Message message) {
            handler.received(connection, message);
        }

        @Override
        public void closed(Connection connection, String reason) {
            if (current == connection) {
                current = null;
            }
            try {
                handler.closed(connection, reason);
            } finally {
                if (!stopped) {
                    Duration delay = backoff.delay(attempts.get(), ThreadLocalRandom.current());
                    logger.info("Connection {} closed ({}); reconnecting in {} ms", connection.id(), reason,
                            delay.toMillis());
                    schedule(delay);
                }
            }
        }
    }
}
