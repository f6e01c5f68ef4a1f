package io.helmdesk.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.transport.ClientSettings;
import io.helmdesk.transport.Connection;
import io.helmdesk.transport.ConnectionHandler;
import io.helmdesk.transport.Rendezvous;
import io.helmdesk.transport.TransportClient;

/**
 * One end's connection to the other end of a session, through the server's relay. {@link #join} connects to the relay,
 * presents the single-use ticket in the clear as the first message, waits until the relay says the other end joined
 * too ({@code RelayPaired}), and then runs TLS with the other end itself, end to end through the relay: each end
 * presents the certificate the server made for it and accepts only the other end's, so the relay forwards bytes it
 * cannot read or alter. From then on every message goes end to end: what {@link #send} queues reaches the other end's
 * peer, what the other end sends reaches this end's {@link SessionPeer}, and the transport's heartbeats are answered by
 * the other end's transport. A channel that closed cannot be joined again: its ticket is used, and a new session needs
 * a new offer. Thread-safe: any thread may send or close.
 */
public final class RelayChannel implements MessageSender, AutoCloseable {

    /** Connecting takes at most this long (or the pairing timeout, when it is shorter). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Logger logger = LoggerFactory.getLogger(RelayChannel.class);
    private final RelayAddress address;
    private final SessionTicket ticket;
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile SessionPeer peer;
    private volatile Connection connection;
    private volatile RelayPaired paired;
    private volatile boolean secured;

    private RelayChannel(RelayAddress address, SessionTicket ticket) {
        this.address = address;
        this.ticket = ticket;
    }

    /**
     * Joins a session and waits until the other end joined too, as {@link #join(RelayAddress, SessionTicket, Duration,
     * Function)} with a peer made beforehand. Messages may reach {@code peer} before this returns; a peer that answers
     * them needs the channel by then: make it in the other method's {@code peerFor}.
     */
    public static RelayChannel join(RelayAddress address, SessionTicket ticket, Duration pairingTimeout,
            SessionPeer peer) throws IOException {
        Objects.requireNonNull(peer, "peer");
        return join(address, ticket, pairingTimeout, channel -> peer);
    }

    /**
     * Joins a session, waits until the other end joined too, and finishes the TLS handshake with it. Blocks the calling
     * thread: call it from a background thread (an Eclipse Job, the agent's session executor), never from a UI or
     * network thread.
     *
     * @param address the relay, as the server gave it with the ticket
     * @param ticket this end's ticket, identity and the other end's pin
     * @param pairingTimeout how long to wait for the other end and the TLS handshake with it: the call returns or
     *            throws within about this long after connecting (which takes at most 10 s)
     * @param peerFor makes this end's peer for the channel, before anything is connected, so that the peer (and,
     *            say, a {@link FileTransfers} it hands messages to) can send on the channel from the first message
     *            on, even one that arrives before this method returns. The peer gets every message after pairing and
     *            {@link SessionPeer#closed} once, but only when pairing succeeded
     * @return the paired channel; it may close at any moment after (the peer hears of it)
     * @throws RelayRefusedException when the relay refused the ticket or the session ended before pairing, with the
     *             relay's own sentence
     * @throws SocketTimeoutException when the other end did not join within {@code pairingTimeout} (or connecting
     *             took too long)
     * @throws javax.net.ssl.SSLHandshakeException when the other end's certificate is not the pinned one (the message
     *             names both fingerprints), or TLS with it failed otherwise
     * @throws InterruptedIOException when the calling thread was interrupted; the connection is closed
     * @throws IOException when the relay cannot be reached, or closed the connection before pairing
     * @throws IllegalArgumentException when the pin is not a SHA-256 fingerprint, the ticket is empty or longer than
     *             the protocol allows, or the timeout is not positive
     */
    public static RelayChannel join(RelayAddress address, SessionTicket ticket, Duration pairingTimeout,
            Function<? super RelayChannel, ? extends SessionPeer> peerFor) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(pairingTimeout, "pairingTimeout");
        Objects.requireNonNull(peerFor, "peerFor");
        if (pairingTimeout.isNegative() || pairingTimeout.isZero()) {
            throw new IllegalArgumentException("The pairing timeout must be positive, not " + pairingTimeout);
        }
        RelayJoin join = new RelayJoin(ticket.ticket());
        SSLContext tls = ticket.identity().context(ticket.peerPin());
        RelayChannel channel = new RelayChannel(address, ticket);
        channel.peer = Objects.requireNonNull(peerFor.apply(channel), "peerFor made no peer");
        Duration connectTimeout = pairingTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? pairingTimeout : CONNECT_TIMEOUT;
        ClientSettings defaults = ClientSettings.defaults();
        ClientSettings settings = new ClientSettings(connectTimeout, pairingTimeout, defaults.heartbeatInterval(),
                Frame.DEFAULT_MAX_PAYLOAD, defaults.maxQueuedBytes());
        try {
            channel.connection = TransportClient.connectEndToEnd(
                    new InetSocketAddress(address.host(), address.port()), channel.new Pairing(join), tls,
                    ticket.side() == Role.AGENT, settings, channel.new Events());
        } catch (SocketTimeoutException e) {
            if (channel.paired == null) {
                SocketTimeoutException timeout = new SocketTimeoutException("The other side did not join the session"
                        + " at " + address + " within " + pairingTimeout.toMillis() + " ms");
                timeout.initCause(e);
                throw timeout;
            }
            throw e;
        }
        return channel;
    }

    /** The session both ends joined, as the relay named it. */
    public String sessionId() {
        return pairedOrFail().sessionId();
    }

    /** Who is at the other end. */
    public Role peerRole() {
        return pairedOrFail().peerRole();
    }

    /** The relay this channel goes through. */
    public RelayAddress address() {
        return address;
    }

    /**
     * Queues a message for the other end; never blocks. Below the channel's 4 MiB queue limit any message is taken;
     * at the limit the other end is taken for one that does not read and the channel closes ({@code "slow peer"}):
     * bulk senders wait on {@link #queuedBytes()} instead.
     *
     * @return false when it was not queued (the channel is closed, or closed just now as above)
     */
    @Override
    public boolean send(Message message) {
        Objects.requireNonNull(message, "message");
        Connection current = connection;
        return secured && current != null && current.send(message);
    }

    @Override
    public long queuedBytes() {
        Connection current = connection;
        return current == null ? 0 : current.queuedBytes();
    }

    /** Whether the channel is paired and neither closing nor closed. */
    public boolean isOpen() {
        Connection current = connection;
        return secured && current != null && current.isOpen();
    }

    /**
     * Closes after flushing what is queued (within a short grace period); the relay then closes the other end's
     * connection too. To tell the other end why, send it a message first (e.g. a {@code SessionEvent} of kind
     * {@code ENDED}). The peer's {@link SessionPeer#closed} gets the reason of the first close.
     */
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        Connection current = connection;
        if (current != null) {
            current.close(reason);
        }
    }

    /** Closes with the reason {@code "closed"}. */
    @Override
    public void close() {
        close("closed");
    }

    @Override
    public String toString() {
        RelayPaired current = paired;
        return "RelayChannel[" + address + (current == null
                ? ", not paired"
                : ", session " + current.sessionId()
                        + " with the " + current.peerRole().name().toLowerCase(Locale.ROOT))
                + "]";
    }

    private RelayPaired pairedOrFail() {
        RelayPaired current = paired;
        if (current == null) {
            throw new IllegalStateException("Not paired yet: the peer is made before the channel joins");
        }
        return current;
    }

    /** What is said with the relay in the clear, on the connection's network thread. */
    private final class Pairing implements Rendezvous {

        private final RelayJoin join;

        Pairing(RelayJoin join) {
            this.join = join;
        }

        @Override
        public Message opening() {
            return join;
        }

        @Override
        public boolean received(Message message) throws IOException {
            IOException refusal = switch (message) {
                case RelayPaired relayPaired when relayPaired.peerRole() != ticket.side() -> {
                    paired = relayPaired;
                    logger.debug("Session {} through {}: the {} is there; TLS with it", relayPaired.sessionId(),
                            address, relayPaired.peerRole());
                    yield null;
                }
                case Heartbeat heartbeat -> null;
                case HeartbeatAck ack -> null;
                case ErrorMessage error -> new RelayRefusedException(
                        "The relay at " + address + " refused the ticket: " + error.message(), error.message());
                case Bye bye -> {
                    String why = bye.message().isEmpty() ? bye.reason().name() : bye.message();
                    yield new RelayRefusedException("The relay at " + address
                            + " ended the session before the other side joined: " + why, why);
                }
                default -> new IOException("The relay at " + address + " broke the protocol: only RelayPaired"
                        + " (naming the other side), ErrorMessage or Bye may come before pairing, not "
                        + message.type().displayName());
            };
            if (refusal != null) {
                throw refusal;
            }
            return paired != null;
        }

        @Override
        public IOException closed() {
            return new IOException("The relay at " + address + " closed the connection before the other side joined");
        }
    }

    /** The transport's events for this channel's one connection, on its network thread, from TLS on. */
    private final class Events implements ConnectionHandler {

        @Override
        public void opened(Connection opened) {
            connection = opened;
            secured = true;
        }

        @Override
        public void received(Connection from, Message message) {
            if (message instanceof Heartbeat || message instanceof HeartbeatAck) {
                return;
            }
            peer.received(message);
        }

        @Override
        public void closed(Connection closed, String reason) {
            if (closedReported.compareAndSet(false, true)) {
                peer.closed(reason);
            }
        }
    }
}
