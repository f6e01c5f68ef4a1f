package io.helmdesk.relay.internal;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.service.IoProcessor;
import org.apache.mina.core.session.AbstractIoSession;
import org.apache.mina.core.session.IdleStatus;
import org.apache.mina.core.session.IoSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
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

/**
 * The relay's side of each connection. Until both sides of a session joined it reads frames itself (heartbeats and one
 * {@link RelayJoin}, nothing else, in at most {@link #JOIN_MAX_PAYLOAD} bytes); from pairing on it forwards bytes
 * without looking at them. Back-pressure: when the bytes queued for one side pass the high-water mark, reading from
 * the other side stops until the queue is down to a quarter of it. Runs on MINA's network threads and never blocks.
 */
final class RelayHandler extends IoHandlerAdapter {

    /** The join and heartbeat frames are tiny; nothing bigger is read before pairing. */
    static final int JOIN_MAX_PAYLOAD = 4096;

    private static final String JOINING = "helmdesk.relay.joining";
    /** Forwarded writes queued per side at most: with the byte limit, what a slow side may hold in the relay. */
    private static final int MAX_PENDING_WRITES = 32;
    private static final String SIDE = "helmdesk.relay.side";

    private final Logger logger = LoggerFactory.getLogger(RelayHandler.class);
    private final FrameEncoder encoder = new FrameEncoder(JOIN_MAX_PAYLOAD);
    private final Function<String, Optional<Ticket>> tickets;
    private final Events events;
    private final long highWater;
    private final long lowWater;
    private final ScheduledExecutorService timer;
    private final Duration joinTimeout;

    /** A ticket that was just taken (it cannot be taken again). */
    record Ticket(Pairing pairing, Role role) {
    }

    /** What the relay server does when sides pair and sessions end. */
    interface Events {

        void paired(Pairing pairing);

        void sideClosed(Side side, String reason);
    }

    RelayHandler(Function<String, Optional<Ticket>> tickets, Events events, long highWater,
            ScheduledExecutorService timer, Duration joinTimeout) {
        this.tickets = tickets;
        this.events = events;
        this.highWater = highWater;
        this.lowWater = highWater / 4;
        this.timer = timer;
        this.joinTimeout = joinTimeout;
    }

    @Override
    public void sessionCreated(IoSession session) {
        session.setAttribute(JOINING, new FrameDecoder(JOIN_MAX_PAYLOAD));
    }

    /** A connection that has not presented a ticket within the join timeout is closed. */
    @Override
    public void sessionOpened(IoSession session) {
        timer.schedule(() -> {
            if (session.isConnected() && session.getAttribute(SIDE) == null) {
                logger.debug("Relay connection {} presented no ticket in time", session.getRemoteAddress());
                session.closeNow();
            }
        }, joinTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        IoBuffer buffer = (IoBuffer) message;
        Side side = (Side) session.getAttribute(SIDE);
        FrameDecoder decoder = (FrameDecoder) session.getAttribute(JOINING);
        if (side != null && side.peer != null) {
            if (decoder != null && !finishLastFrame(session, decoder, buffer)) {
                return;
            }
            if (buffer.hasRemaining()) {
                forward(side, buffer);
            }
            return;
        }
        if (decoder == null) {
            return;
        }
        ByteBuffer bytes = buffer.buf();
        try {
            while (bytes.hasRemaining()) {
                Frame frame = decoder.decode(bytes);
                if (frame == null) {
                    return;
                }
                handleBeforePairing(session, MessageCodec.decode(frame));
                if (session.isClosing()) {
                    return;
                }
            }
        } catch (ProtocolException e) {
            refuse(session, e.code(), e.getMessage());
        }
    }

    /**
     * The first side to join may have been in the middle of a frame (a heartbeat) for the relay when the second side
     * paired it: that frame is still the relay's, and is finished here before anything is forwarded.
     *
     * @return whether forwarding can start with what remains of the buffer
     */
    private boolean finishLastFrame(IoSession session, FrameDecoder decoder, IoBuffer buffer) {
        if (!decoder.isInsideFrame()) {
            session.removeAttribute(JOINING);
            return true;
        }
        try {
            Frame frame = decoder.decode(buffer.buf());
            if (frame == null) {
                return false;
            }
            session.removeAttribute(JOINING);
            handleBeforePairing(session, MessageCodec.decode(frame));
            return !session.isClosing();
        } catch (ProtocolException e) {
            refuse(session, e.code(), e.getMessage());
            return false;
        }
    }

    private void handleBeforePairing(IoSession session, Message message) {
        Side side = (Side) session.getAttribute(SIDE);
        switch (message) {
            case Heartbeat heartbeat -> write(session, new HeartbeatAck(heartbeat.sequence(), heartbeat.sentAtNanos()));
            case RelayJoin join when side == null -> join(session, join);
            default -> refuse(session, ErrorCode.UNEXPECTED_MESSAGE, side == null
                    ? "The relay expects RelayJoin first, not " + message.type().displayName()
                    : "Wait for RelayPaired before sending " + message.type().displayName());
        }
    }

    private void join(IoSession session, RelayJoin join) {
        Optional<Ticket> taken = tickets.apply(join.ticket());
        if (taken.isEmpty()) {
            logger.info("Relay connection from {} refused: unknown, used or expired ticket",
                    session.getRemoteAddress());
            refuse(session, ErrorCode.AUTHENTICATION_FAILED, "Unknown, used or expired session ticket");
            return;
        }
        Pairing pairing = taken.get().pairing();
        if (pairing.ended()) {
            refuse(session, ErrorCode.AUTHENTICATION_FAILED, "The session has ended");
            return;
        }
        Side side = new Side(pairing, taken.get().role(), session);
        session.setAttribute(SIDE, side);
        logger.debug("Session {}: {} joined from {}", pairing.sessionId, side.name(), session.getRemoteAddress());
        if (pairing.join(side)) {
            Side other = side.peer;
            // Both forward from now on; only then are they told, so no byte they send can arrive before it. The side
            // joining now is told first: the other side may answer its RelayPaired at once (a TLS ClientHello), and
            // that answer, forwarded on the other side's thread, must queue behind this side's RelayPaired. What this
            // side sends is forwarded on this thread, after both are told. The other side's own thread drops its
            // frame reader (see finishLastFrame).
            session.removeAttribute(JOINING);
            write(session, new RelayPaired(pairing.sessionId, other.role));
            write(other.session, new RelayPaired(pairing.sessionId, side.role));
            events.paired(pairing);
        }
    }

    private void forward(Side from, IoBuffer buffer) {
        Side to = from.peer;
        int length = buffer.remaining();
        // MINA may reuse the buffer it hands us once this returns; the peer's write needs its own.
        IoBuffer copy = IoBuffer.allocate(length, false);
        copy.put(buffer).flip();
        from.forwarded.addAndGet(length);
        to.pendingBytes.addAndGet(length);
        to.pendingWrites.incrementAndGet();
        // The write's future completes once its bytes are on the socket.
        to.session.write(copy).addListener(written -> sent(to, length));
        if (full(to)) {
            // Decided under the writer side's lock, as resuming is: the other side drains on its own thread, and a
            // suspension decided on stale counts would never be resumed.
            synchronized (from) {
                if (!from.suspended && full(to)) {
                    from.suspended = true;
                    from.session.suspendRead();
                }
            }
        }
    }

    /** Reading from the other side stops: too many bytes, or too many writes queued. */
    private boolean full(Side side) {
        return side.pendingBytes.get() > highWater || side.pendingWrites.get() >= MAX_PENDING_WRITES;
    }

    private boolean drained(Side side) {
        return side.pendingBytes.get() <= lowWater && side.pendingWrites.get() <= MAX_PENDING_WRITES / 4;
    }

    /** A forwarded write left for the socket: reading from the writer's side resumes once this side drained. */
    private void sent(Side to, int length) {
        to.pendingBytes.addAndGet(-length);
        to.pendingWrites.decrementAndGet();
        Side from = to.peer;
        if (drained(to)) {
            synchronized (from) {
                if (from.suspended && drained(to)) {
                    from.suspended = false;
                    resume(from);
                }
            }
        }
    }

    /**
     * Resumes reading from a side. MINA's resumeRead only changes the selection key's interest set, which a selector
     * blocked in select() does not notice (it sleeps up to a second); a flush request wakes that side's selector.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private void resume(Side side) {
        side.session.resumeRead();
        if (side.session instanceof AbstractIoSession session) {
            IoProcessor processor = session.getProcessor();
            processor.flush(session);
        }
    }

    /**
     * A paired connection that carried nothing both ways for the idle timeout is dead (the ends send heartbeats). A
     * side waiting for its partner says nothing while the other end's user is asked; its tickets' expiry ends it.
     */
    @Override
    public void sessionIdle(IoSession session, IdleStatus status) {
        Side side = (Side) session.getAttribute(SIDE);
        if (side != null && side.peer == null) {
            return;
        }
        logger.debug("Relay connection {} idle, closing", session.getRemoteAddress());
        session.closeNow();
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        logger.debug("Relay connection {} failed: {}", session.getRemoteAddress(), cause.toString());
        session.closeNow();
    }

    @Override
    public void sessionClosed(IoSession session) {
        Side side = (Side) session.getAttribute(SIDE);
        if (side != null) {
            events.sideClosed(side, side.name() + " closed");
        }
    }

    /** Answers with an error and closes once it is written. */
    void refuse(IoSession session, ErrorCode code, String text) {
        session.removeAttribute(JOINING);
        write(session, new ErrorMessage(code, text));
        session.closeOnFlush();
    }

    /** Tells a side that waits for its partner that the session ended, and closes once it is written. */
    void farewell(IoSession session, String reason) {
        session.removeAttribute(JOINING);
        write(session, new Bye(Bye.Reason.SESSION_ENDED, reason));
        session.closeOnFlush();
    }

    private void write(IoSession session, Message message) {
        session.write(IoBuffer.wrap(encoder.encode(MessageCodec.encode(message))));
    }
}
