package io.helmdesk.relay.internal;

import java.util.concurrent.atomic.AtomicInteger;
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
    /** Whether reading from this side is suspended because the other side's queue is full; guarded by this side. */
    boolean suspended;
    /** Bytes and writes forwarded to this side and not sent yet; counted by the write futures' listeners. */
    final AtomicLong pendingBytes = new AtomicLong();
    final AtomicInteger pendingWrites = new AtomicInteger();
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
