package io.helmdesk.relay.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.transport.nio.SelectorLoop;

/**
 * The relay's port until pairing, on one thread: it accepts connections and reads their frames (heartbeats, answered,
 * and one {@link RelayJoin}, nothing else, each at most {@link Link#JOIN_MAX_PAYLOAD} bytes). Once both sides of a
 * session joined and neither is in the middle of a frame, both are told {@link RelayPaired} and handed to a
 * {@link Forwarder}, which reads nothing but the bytes it forwards. A connection that presents no ticket within the
 * join timeout is closed; a side waiting for its partner may wait until its session's tickets expire.
 */
final class JoinLoop extends SelectorLoop {

    /** How long the relay tries to deliver its last words (an error, a farewell) before it closes anyway. */
    private static final long LAST_WORDS_NANOS = Duration.ofSeconds(10).toNanos();
    /** A farewell's reason is cut to this many characters: the frame must stay within the join limit. */
    private static final int MAX_REASON = 1000;

    /** What the relay server does for the join loop; called on its thread. */
    interface Events {

        /** Takes a ticket: it works once. */
        Optional<Ticket> take(String ticket);

        /** Both sides were told and their bytes are forwarded. */
        void paired(Pairing pairing);

        /** A side that joined closed before pairing. */
        void sideClosed(Side side, String reason);
    }

    /** A ticket that was just taken (it cannot be taken again). */
    record Ticket(Pairing pairing, Role role) {
    }

    private final FrameEncoder encoder = new FrameEncoder(Link.JOIN_MAX_PAYLOAD);
    private final ByteBuffer readBuffer = ByteBuffer.allocate(Frame.MAX_HEADER_LENGTH + Link.JOIN_MAX_PAYLOAD);
    private final Set<Link> links = new HashSet<>();
    private final ServerSocketChannel server;
    private final SelectionKey serverKey;
    private final Events events;
    private final Supplier<Forwarder> forwarders;
    private final long joinTimeoutNanos;

    JoinLoop(InetSocketAddress bind, Events events, Supplier<Forwarder> forwarders, Duration joinTimeout)
            throws IOException {
        super("relay-join", "no session can be joined until the server restarts");
        this.events = events;
        this.forwarders = forwarders;
        this.joinTimeoutNanos = joinTimeout.toNanos();
        try {
            server = ServerSocketChannel.open();
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(bind, 256);
            server.configureBlocking(false);
            serverKey = server.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    int port() {
        return server.socket().getLocalPort();
    }

    @Override
    protected void ready(SelectionKey key) {
        if (key.channel() == server) {
            accept();
        } else {
            ready((Link) key.attachment(), key);
        }
    }

    /** One connection's trouble (a bug included) must not end the loop every session joins through. */
    @Override
    protected void failed(SelectionKey key, RuntimeException e) {
        logger.error("The relay's join loop failed on one connection; it goes on", e);
    }

    /** Every connection is looked at; a few times a second is enough. */
    @Override
    protected void tick(long now) {
        closeLate(now);
        if (server.isOpen() && serverKey.interestOps() == 0) {
            serverKey.interestOps(SelectionKey.OP_ACCEPT); // accepting again after a failure
        }
    }

    /** Stops accepting and closes every connection still joining. */
    @Override
    protected void closeAll() {
        for (Link link : List.copyOf(links)) {
            close(link, null);
        }
        try {
            server.close();
        } catch (IOException ignored) {
            // stopping anyway
        }
    }

    /**
     * The server ended a session: a side still waiting is told why, and a forwarded session delivers what was read
     * and closes.
     */
    void end(Pairing pairing, String reason) {
        execute(() -> {
            Forwarder.Forwarding forwarding = pairing.forwarding;
            if (forwarding != null) {
                forwarding.close(reason);
                return;
            }
            for (Side side : new Side[]{pairing.agent(), pairing.console()}) {
                if (side != null && links.contains(side.link) && !side.link.closing) {
                    answer(side.link, new Bye(Bye.Reason.SESSION_ENDED,
                            reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) + "…" : reason));
                    lastWords(side.link);
                }
            }
        });
    }

    /**
     * Accepts what waits. When accepting fails (no file descriptor left: many connections that present no ticket), the
     * loop stops accepting until the next look at late connections, which closes some, instead of spinning.
     */
    private void accept() {
        SocketChannel channel;
        while (true) {
            try {
                channel = server.accept();
            } catch (IOException e) {
                logger.warn("The relay cannot accept connections for now: {}", e.toString());
                serverKey.interestOps(0);
                return;
            }
            if (channel == null) {
                return;
            }
            try {
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                Link link = new Link(channel, System.nanoTime());
                link.key = channel.register(selector, SelectionKey.OP_READ, link);
                links.add(link);
            } catch (IOException e) {
                logger.debug("A relay connection failed as it was accepted: {}", e.toString());
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // closed anyway
                }
            }
        }
    }

    private void ready(Link link, SelectionKey key) {
        try {
            if (key.isValid() && key.isWritable()) {
                flush(link);
            }
            if (key.isValid() && key.isReadable() && !link.closing) {
                read(link);
            }
        } catch (IOException e) {
            logger.debug("Relay connection {} failed: {}", link, e.toString());
            close(link, link.side == null ? null : link.side.name() + " failed: " + e.getMessage());
        }
    }

    private void read(Link link) throws IOException {
        readBuffer.clear();
        if (link.channel.read(readBuffer) < 0) {
            close(link, link.side == null ? null : link.side.name() + " closed");
            return;
        }
        readBuffer.flip();
        try {
            while (readBuffer.hasRemaining() && !link.closing) {
                Frame frame = link.decoder.decode(readBuffer);
                if (frame == null) {
                    break;
                }
                handle(link, MessageCodec.decode(frame));
            }
        } catch (ProtocolException e) {
            refuse(link, e.code(), e.getMessage());
        }
        if (link.side != null && !link.closing) {
            pairIfReady(link.side.pairing);
        }
    }

    private void handle(Link link, Message message) {
        switch (message) {
            case Heartbeat heartbeat -> answer(link, new HeartbeatAck(heartbeat.sequence(), heartbeat.sentAtNanos()));
            case RelayJoin join when link.side == null -> join(link, join);
            default -> refuse(link, ErrorCode.UNEXPECTED_MESSAGE, link.side == null
                    ? "The relay expects RelayJoin first, not " + message.type().displayName()
                    : "Wait for RelayPaired before sending " + message.type().displayName());
        }
    }

    private void join(Link link, RelayJoin join) {
        Optional<Ticket> taken = events.take(join.ticket());
        if (taken.isEmpty()) {
            logger.info("Relay connection from {} refused: unknown, used or expired ticket", link);
            refuse(link, ErrorCode.AUTHENTICATION_FAILED, "Unknown, used or expired session ticket");
            return;
        }
        Pairing pairing = taken.get().pairing();
        if (pairing.ended()) {
            refuse(link, ErrorCode.AUTHENTICATION_FAILED, "The session has ended");
            return;
        }
        Side side = new Side(pairing, taken.get().role(), link);
        link.side = side;
        pairing.join(side);
        logger.debug("Session {}: {} joined from {}", pairing.sessionId, side.name(), link);
    }

    /**
     * Hands a session to a forwarder once both sides joined, neither is closing, and neither is in the middle of a
     * frame for the relay (a heartbeat cut across two reads is finished and answered first: it is not the other
     * side's). Both are told before any byte is forwarded; what could not be written to a side yet goes first on its
     * way from the forwarder.
     */
    private void pairIfReady(Pairing pairing) {
        Side agent = pairing.agent();
        Side console = pairing.console();
        if (agent == null || console == null || pairing.forwarding != null || pairing.ended()
                || !ready(agent.link) || !ready(console.link)) {
            return;
        }
        answer(agent.link, new RelayPaired(pairing.sessionId, Role.CONSOLE));
        answer(console.link, new RelayPaired(pairing.sessionId, Role.AGENT));
        if (!ready(agent.link) || !ready(console.link)) {
            return; // a write failed: that side is closed, and the session ends
        }
        for (Link link : List.of(agent.link, console.link)) {
            link.key.cancel();
            links.remove(link);
        }
        pairing.forwarding = forwarders.get().start(pairing, agent.link.unwrittenAnswers(),
                console.link.unwrittenAnswers());
        events.paired(pairing);
    }

    private boolean ready(Link link) {
        return links.contains(link) && !link.closing && !link.decoder.isInsideFrame();
    }

    /** Queues a frame for a connection and writes what it can. */
    private void answer(Link link, Message message) {
        link.answers.add(ByteBuffer.wrap(encoder.encode(MessageCodec.encode(message))));
        try {
            flush(link);
        } catch (IOException e) {
            close(link, link.side == null ? null : link.side.name() + " failed: " + e.getMessage());
        }
    }

    private void flush(Link link) throws IOException {
        if (!link.writeAnswers()) {
            link.key.interestOps(SelectionKey.OP_WRITE);
        } else if (link.closing) {
            close(link, null);
        } else if (link.key.interestOps() != SelectionKey.OP_READ) {
            link.key.interestOps(SelectionKey.OP_READ);
        }
    }

    /** Answers with an error and closes once it is written. */
    private void refuse(Link link, ErrorCode code, String text) {
        answer(link, new ErrorMessage(code, text));
        lastWords(link);
        if (link.side != null) {
            events.sideClosed(link.side, link.side.name() + " broke the protocol: " + text);
        }
    }

    /** Reads nothing more from a connection, and closes it once what was queued for it is written. */
    private void lastWords(Link link) {
        if (!links.contains(link)) {
            return;
        }
        link.closing = true;
        link.closingSinceNanos = System.nanoTime();
        try {
            flush(link);
        } catch (IOException e) {
            close(link, null);
        }
    }

    /** Connections without a ticket after the join timeout, and last words not taken within 10 s. */
    private void closeLate(long now) {
        for (Link link : List.copyOf(links)) {
            if (link.closing
                    ? now - link.closingSinceNanos > LAST_WORDS_NANOS
                    : link.side == null && now - link.openedNanos > joinTimeoutNanos) {
                logger.debug("Relay connection {} {}", link,
                        link.closing ? "did not read the relay's last words in time" : "presented no ticket in time");
                close(link, null);
            }
        }
    }

    /**
     * Closes a connection still joining.
     *
     * @param reason for a side that joined and closed or failed, why: its session ends; null otherwise
     */
    private void close(Link link, String reason) {
        if (!links.remove(link)) {
            return;
        }
        link.closing = true; // what is left of its read is not looked at
        link.key.cancel();
        try {
            link.channel.close();
        } catch (IOException ignored) {
            // closed anyway
        }
        if (reason != null && link.side != null) {
            events.sideClosed(link.side, reason);
        }
    }
}
