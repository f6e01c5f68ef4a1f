package io.helmdesk.relay.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.message.Role;
import io.helmdesk.relay.api.RelayEndpoint;
import io.helmdesk.relay.api.RelayListener;
import io.helmdesk.relay.api.RelayService;
import io.helmdesk.relay.api.RelayTickets;

/**
 * The relay's port and its tickets. The port speaks plain TCP: each side sends its ticket in the clear, and once both
 * sides of a session joined, the relay forwards their bytes, which are the end-to-end TLS between the agent and the
 * console (each pins the certificate the server made for the other): the relay never holds a key and cannot read a
 * session. One thread reads the tickets ({@link JoinLoop}); paired sessions are spread over {@link #FORWARDERS}
 * forwarding threads. Tickets live in memory only: a server restart ends every session, and the sides ask for a new
 * one.
 */
@Component(service = RelayService.class, configurationPid = RelayConfiguration.PID, immediate = true, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = RelayConfiguration.class)
public class RelayServer implements RelayService, JoinLoop.Events {

    private static final int TICKET_BYTES = 32;
    /** Forwarding threads: one session's two directions share one, and this machine class has two cores. */
    static final int FORWARDERS = 2;

    private final Logger logger = LoggerFactory.getLogger(RelayServer.class);
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Pairing> sessions = new ConcurrentHashMap<>();
    private final Map<String, JoinLoop.Ticket> tickets = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("relay-timer").daemon().factory());
    /**
     * The listeners write to the database: they are called here, in order, never on the relay's network threads,
     * whose every session would wait.
     */
    private final ExecutorService listenerCalls = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("relay-events").daemon().factory());
    private final Forwarder[] forwarders = new Forwarder[FORWARDERS];
    private final AtomicInteger nextForwarder = new AtomicInteger();
    private final JoinLoop joinLoop;
    private final String publicHost;

    @Activate
    public RelayServer(BundleContext context, RelayConfiguration configuration) throws IOException {
        this(new InetSocketAddress(configuration.relay_bind(), configuration.relay_port() >= 0
                ? configuration.relay_port()
                : Integer.parseInt(
                        Objects.requireNonNullElse(context.getProperty("helmdesk.relay.port"), "7444"))),
                configuration.public_host().strip(),
                Duration.ofSeconds(Math.max(1, configuration.join_timeout_seconds())),
                Math.clamp(configuration.forward_buffer_bytes(), 64 * 1024, 16 * 1024 * 1024),
                Duration.ofSeconds(Math.max(10, configuration.idle_timeout_seconds())));
    }

    RelayServer(InetSocketAddress bind, String publicHost, Duration joinTimeout, int forwardBuffer,
            Duration idleTimeout) throws IOException {
        this.publicHost = publicHost;
        try {
            for (int i = 0; i < FORWARDERS; i++) {
                forwarders[i] = new Forwarder("relay-forward-" + (i + 1), forwardBuffer, idleTimeout, this::end);
            }
            this.joinLoop = new JoinLoop(bind, this, this::nextForwarder, joinTimeout);
        } catch (IOException | RuntimeException e) {
            stopForwarders();
            timer.shutdownNow();
            throw e;
        }
        for (Forwarder forwarder : forwarders) {
            forwarder.start();
        }
        joinLoop.start();
        logger.info("Sessions are relayed on port {} (end-to-end TLS between agent and console; the relay reads"
                + " tickets only)", port());
    }

    @Deactivate
    void stop() {
        for (Pairing pairing : List.copyOf(sessions.values())) {
            end(pairing, "server stopping");
        }
        joinLoop.stop();
        stopForwarders();
        timer.shutdownNow();
        listenerCalls.shutdown();
        try {
            if (!listenerCalls.awaitTermination(5, TimeUnit.SECONDS)) {
                logger.warn("The session listeners did not finish within 5 s of the relay stopping");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void stopForwarders() {
        for (Forwarder forwarder : forwarders) {
            if (forwarder != null) {
                forwarder.stop();
            }
        }
    }

    private Forwarder nextForwarder() {
        return forwarders[Math.floorMod(nextForwarder.getAndIncrement(), FORWARDERS)];
    }

    int port() {
        return joinLoop.port();
    }

    @Override
    public RelayEndpoint endpoint() {
        return new RelayEndpoint(publicHost, port());
    }

    @Override
    public RelayTickets open(String sessionId, Duration lifetime, RelayListener listener) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(listener, "listener");
        Instant expiresAt = clock.instant().plus(lifetime);
        Pairing pairing = new Pairing(sessionId, newTicket(), newTicket(), expiresAt, listener);
        if (sessions.putIfAbsent(sessionId, pairing) != null) {
            throw new IllegalStateException("Session " + sessionId + " already has relay tickets");
        }
        tickets.put(pairing.agentTicket, new JoinLoop.Ticket(pairing, Role.AGENT));
        tickets.put(pairing.consoleTicket, new JoinLoop.Ticket(pairing, Role.CONSOLE));
        timer.schedule(() -> expire(pairing), lifetime.toMillis(), TimeUnit.MILLISECONDS);
        return new RelayTickets(sessionId, pairing.agentTicket, pairing.consoleTicket, expiresAt);
    }

    @Override
    public void close(String sessionId, String reason) {
        Pairing pairing = sessions.get(sessionId);
        if (pairing != null) {
            end(pairing, reason);
        }
    }

    /** Takes a ticket: it works once, until its session's tickets expire. */
    @Override
    public Optional<JoinLoop.Ticket> take(String ticket) {
        JoinLoop.Ticket taken = tickets.remove(ticket);
        if (taken == null || clock.instant().isAfter(taken.pairing().expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(taken);
    }

    @Override
    public void paired(Pairing pairing) {
        logger.info("Session {} paired: agent {} and console {}", pairing.sessionId, pairing.agent().remote(),
                pairing.console().remote());
        tell(pairing, listener -> listener.paired(pairing.sessionId));
    }

    @Override
    public void sideClosed(Side side, String reason) {
        end(side.pairing, reason);
    }

    /**
     * Tickets not used in time: a side still waiting is told (see {@link #end}), and the session ends. Both sides
     * having joined is not enough: a side stuck inside a frame for the relay is never paired.
     */
    private void expire(Pairing pairing) {
        if (pairing.forwarding == null) {
            end(pairing, "The other side did not join the session in time");
        }
    }

    private void end(Pairing pairing, String reason) {
        if (!pairing.end()) {
            return;
        }
        sessions.remove(pairing.sessionId, pairing);
        tickets.remove(pairing.agentTicket);
        tickets.remove(pairing.consoleTicket);
        // A side still waiting is told why; mid-stream the relay cannot add a frame of its own, and what was read is
        // still delivered.
        joinLoop.end(pairing, reason);
        Side agent = pairing.agent();
        Side console = pairing.console();
        long fromAgent = agent == null ? 0 : agent.forwarded.get();
        long fromConsole = console == null ? 0 : console.forwarded.get();
        logger.info("Session {} relay ended ({}): {} bytes from the agent, {} from the console", pairing.sessionId,
                reason, fromAgent, fromConsole);
        tell(pairing, listener -> listener.ended(pairing.sessionId, reason, fromAgent, fromConsole));
    }

    private void tell(Pairing pairing, Consumer<RelayListener> call) {
        try {
            listenerCalls.execute(() -> {
                try {
                    call.accept(pairing.listener);
                } catch (RuntimeException e) {
                    logger.warn("The listener of session {} failed", pairing.sessionId, e);
                }
            });
        } catch (RejectedExecutionException stopped) {
            logger.debug("Session {}: the relay stopped before its listener was told", pairing.sessionId);
        }
    }

    private String newTicket() {
        byte[] bytes = new byte[TICKET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
