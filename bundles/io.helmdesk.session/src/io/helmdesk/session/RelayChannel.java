package io.helmdesk.session;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import javax.net.ssl.SSLContext;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.ErrorCode;
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
import io.helmdesk.transport.PinnedTrust;
import io.helmdesk.transport.TransportClient;

/**
 * One end's connection to the other end of a session, through the server's relay. {@link #join} opens a TLS
 * connection to the relay (trusting only its pinned certificate), presents the single-use ticket as the first
 * message, and returns once the relay says the other end joined too ({@code RelayPaired}). From then on every
 * message goes end to end: what {@link #send} queues reaches the other end's peer, what the other end sends reaches
 * this end's {@link SessionPeer}, and the transport's heartbeats are answered by the other end's transport (the relay
 * answers them only while this end waits). A channel that closed cannot be joined again: its ticket is used, and a
 * new session needs a new offer. Thread-safe: any thread may send or close.
 */
public final class RelayChannel implements MessageSender, AutoCloseable {

    /**
     * The largest payload accepted before pairing: the relay sends only {@code RelayPaired}, {@code ErrorMessage}
     * and {@code Bye} (sentences of at most 4096 bytes) until then. Raised to {@link Frame#DEFAULT_MAX_PAYLOAD} on
     * pairing, for the other end's screen updates and file chunks.
     */
    static final int PAIRING_MAX_PAYLOAD = 8 * 1024;

    /** Connecting and the TLS handshake each take at most this long (or the pairing timeout, when it is shorter). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final Logger logger = LoggerFactory.getLogger(RelayChannel.class);
    private final RelayAddress address;
    private final RelayJoin join;
    private final CompletableFuture<RelayPaired> pairing = new CompletableFuture<>();
    private final AtomicBoolean closedReported = new AtomicBoolean();
    private volatile SessionPeer peer;
    private volatile Connection connection;
    private volatile RelayPaired paired;

    private RelayChannel(RelayAddress address, RelayJoin join) {
        this.address = address;
        this.join = join;
    }

    /**
     * Joins a session and waits until the other end joined too, as {@link #join(RelayAddress, String, Duration,
     * Function)} with a peer made beforehand. Messages may reach {@code peer} before this returns; a peer that answers
     * them needs the channel by then: make it in the other method's {@code peerFor}.
     */
    public static RelayChannel join(RelayAddress address, String ticket, Duration pairingTimeout, SessionPeer peer)
            throws IOException {
        Objects.requireNonNull(peer, "peer");
        return join(address, ticket, pairingTimeout, channel -> peer);
    }

    /**
     * Joins a session and waits until the other end joined too. Blocks the calling thread: call it from a
     * background thread (an Eclipse Job, the agent's session executor), never from a UI or network thread.
     *
     * @param address the relay and its certificate's pin, as the server gave them with the ticket
     * @param ticket this end's single-use ticket
     * @param pairingTimeout how long to wait, from this call on, for the other end: the call returns or throws
     *            within about this long (connecting and the TLS handshake take at most 10 s each of it)
     * @param peerFor makes this end's peer for the channel, before anything is connected, so that the peer (and,
     *            say, a {@link FileTransfers} it hands messages to) can send on the channel from the first message
     *            on, even one that arrives before this method returns. The peer gets every message after pairing and
     *            {@link SessionPeer#closed} once, but only when pairing succeeded
     * @return the paired channel; it may close at any moment after (the peer hears of it)
     * @throws RelayRefusedException when the relay refused the ticket or the session ended before pairing, with the
     *             relay's own sentence
     * @throws SocketTimeoutException when the other end did not join within {@code pairingTimeout} (or connecting
     *             took too long)
     * @throws javax.net.ssl.SSLHandshakeException when the relay's certificate is not the pinned one; the message
     *             names both fingerprints
     * @throws InterruptedIOException when the calling thread was interrupted; the connection is closed
     * @throws IOException when the relay cannot be reached, or closed the connection before pairing
     * @throws IllegalArgumentException when the pin is not a SHA-256 fingerprint, the ticket is empty or longer than
     *             the protocol allows, or the timeout is not positive
     */
    public static RelayChannel join(RelayAddress address, String ticket, Duration pairingTimeout,
            Function<? super RelayChannel, ? extends SessionPeer> peerFor) throws IOException {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(pairingTimeout, "pairingTimeout");
        Objects.requireNonNull(peerFor, "peerFor");
        if (pairingTimeout.isNegative() || pairingTimeout.isZero()) {
            throw new IllegalArgumentException("The pairing timeout must be positive, not " + pairingTimeout);
        }
        long deadline = System.nanoTime() + pairingTimeout.toNanos();
        SSLContext tls = PinnedTrust.clientContext(address.pin());
        RelayChannel channel = new RelayChannel(address, new RelayJoin(ticket));
        channel.peer = Objects.requireNonNull(peerFor.apply(channel), "peerFor made no peer");
        Duration connectTimeout = pairingTimeout.compareTo(CONNECT_TIMEOUT) < 0 ? pairingTimeout : CONNECT_TIMEOUT;
        ClientSettings defaults = ClientSettings.defaults();
        ClientSettings settings = new ClientSettings(connectTimeout, connectTimeout, defaults.heartbeatInterval(),
                PAIRING_MAX_PAYLOAD, defaults.maxQueuedBytes());
        Connection connection = TransportClient.connect(new InetSocketAddress(address.host(), address.port()), tls,
                settings, channel.new Events());
        channel.connection = connection;
        channel.awaitPairing(deadline, pairingTimeout);
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
        return paired != null && current != null && current.send(message);
    }

    @Override
    public long queuedBytes() {
        Connection current = connection;
        return current == null ? 0 : current.queuedBytes();
    }

    /** Whether the channel is paired and neither closing nor closed. */
    public boolean isOpen() {
        Connection current = connection;
        return paired != null && current != null && current.isOpen();
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

    private void awaitPairing(long deadline, Duration pairingTimeout) throws IOException {
        try {
            pairing.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            SocketTimeoutException timeout = new SocketTimeoutException("The other side did not join the session at "
                    + address + " within " + pairingTimeout.toMillis() + " ms");
            if (pairing.completeExceptionally(timeout)) {
                connection.close("no pairing within " + pairingTimeout.toMillis() + " ms");
                throw timeout;
            }
            // Paired or refused in the very last moment.
            awaitPairing(deadline, pairingTimeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            InterruptedIOException interrupted = new InterruptedIOException(
                    "Interrupted while waiting for the other side at " + address);
            if (pairing.completeExceptionally(interrupted)) {
                connection.close("interrupted");
            }
            throw interrupted;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException failure) {
                throw failure;
            }
            throw new IOException("Joining the session at " + address + " failed: " + e.getCause(), e.getCause());
        }
    }

    /** The transport's events for this channel's one connection, on its network thread. */
    private final class Events implements ConnectionHandler {

        @Override
        public void opened(Connection opened) {
            connection = opened;
            // The relay expects the ticket first; the first heartbeat comes an interval later.
            opened.send(join);
        }

        @Override
        public void received(Connection from, Message message) {
            if (message instanceof Heartbeat || message instanceof HeartbeatAck) {
                return;
            }
            if (paired != null) {
                peer.received(message);
                return;
            }
            switch (message) {
                case RelayPaired relayPaired -> {
                    from.maxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
                    paired = relayPaired;
                    if (!pairing.complete(relayPaired)) {
                        // The caller gave up a moment ago and is closing the connection.
                        paired = null;
                    } else {
                        logger.debug("Joined session {} through {}: the {} is there", relayPaired.sessionId(),
                                address, relayPaired.peerRole());
                    }
                }
                case ErrorMessage error -> pairing.completeExceptionally(new RelayRefusedException(
                        "The relay at " + address + " refused the ticket: " + error.message(), error.message()));
                case Bye bye -> {
                    String why = bye.message().isEmpty() ? bye.reason().name() : bye.message();
                    pairing.completeExceptionally(new RelayRefusedException("The relay at " + address
                            + " ended the session before the other side joined: " + why, why));
                }
                default -> {
                    String sentence = "Only RelayPaired, ErrorMessage or Bye may come before pairing, not "
                            + message.type().displayName();
                    pairing.completeExceptionally(
                            new IOException("The relay at " + address + " broke the protocol: " + sentence));
                    from.send(new ErrorMessage(ErrorCode.UNEXPECTED_MESSAGE, sentence));
                    from.close("protocol error: " + sentence);
                }
            }
        }

        @Override
        public void closed(Connection closed, String reason) {
            pairing.completeExceptionally(new IOException(
                    "The relay at " + address + " closed the connection before the other side joined: " + reason));
            if (paired != null && closedReported.compareAndSet(false, true)) {
                peer.closed(reason);
            }
        }
    }
}
