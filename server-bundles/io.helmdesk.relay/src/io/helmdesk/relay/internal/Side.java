package io.helmdesk.relay.internal;

import java.net.SocketAddress;
import java.util.concurrent.atomic.AtomicLong;

import io.helmdesk.protocol.message.Role;

/** One joined connection of a session: who it is, where it came from, and how many bytes it sent the other side. */
final class Side {

    final Pairing pairing;
    final Role role;
    final Link link;
    /** Bytes received from this side and forwarded to the other. */
    final AtomicLong forwarded = new AtomicLong();

    Side(Pairing pairing, Role role, Link link) {
        this.pairing = pairing;
        this.role = role;
        this.link = link;
    }

    SocketAddress remote() {
        return link.remote;
    }

    String name() {
        return role == Role.AGENT ? "agent" : "console";
    }
}
