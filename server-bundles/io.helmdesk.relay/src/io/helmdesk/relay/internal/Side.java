package io.helmdesk.relay.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.mina.core.session.IoSession;

import io.helmdesk.protocol.message.Role;

/** One joined connection of a session: who it is, its partner once paired, and its forwarding state. */
final class Side {

    final Pairing pairing;
    final Role role;
    final IoSession session;
    /** Bytes received from this side and forwarded to the other. */
    final AtomicLong forwarded = new AtomicLong();
    /** Whether reading from this side is suspended because the other side's queue is full. */
    final AtomicBoolean suspended = new AtomicBoolean();
    volatile Side peer;

    Side(Pairing pairing, Role role, IoSession session) {
        this.pairing = pairing;
        this.role = role;
        this.session = session;
    }

    String name() {
        return role == Role.AGENT ? "agent" : "console";
    }
}
