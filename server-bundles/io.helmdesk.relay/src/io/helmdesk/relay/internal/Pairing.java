package io.helmdesk.relay.internal;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helmdesk.protocol.message.Role;
import io.helmdesk.relay.api.RelayListener;

/**
 * The relay state of one session: its tickets' expiry, the sides that joined, where their bytes are forwarded, and
 * whether it ended.
 */
final class Pairing {

    final String sessionId;
    final String agentTicket;
    final String consoleTicket;
    final Instant expiresAt;
    final RelayListener listener;
    private final AtomicBoolean ended = new AtomicBoolean();
    private Side agent;
    private Side console;

    Pairing(String sessionId, String agentTicket, String consoleTicket, Instant expiresAt, RelayListener listener) {
        this.sessionId = sessionId;
        this.agentTicket = agentTicket;
        this.consoleTicket = consoleTicket;
        this.expiresAt = expiresAt;
        this.listener = listener;
    }

    /** Where the session's bytes are forwarded once both sides joined; set once, by the join loop. */
    volatile Forwarder.Forwarding forwarding;

    /** Adds a side that presented its ticket. */
    synchronized void join(Side side) {
        if (side.role == Role.AGENT) {
            agent = side;
        } else {
            console = side;
        }
    }

    synchronized Side agent() {
        return agent;
    }

    synchronized Side console() {
        return console;
    }

    /** Marks the pairing ended; true for the first caller only. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    boolean ended() {
        return ended.get();
    }
}
