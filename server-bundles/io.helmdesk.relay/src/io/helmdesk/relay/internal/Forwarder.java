package io.helmdesk.relay.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import io.helmdesk.transport.nio.SelectorLoop;

/**
 * One forwarding thread: it copies the bytes of paired sessions between their two sockets, on a selector of its own,
 * through one direct buffer per direction (the socket reads into it and writes from it; the bytes are not copied in
 * Java). Back-pressure is the buffer: while it is full, the relay does not read from the side that fills it, and TCP
 * slows that side down. A session ends when either side closes (after what that side sent was delivered), fails, or
 * nothing moved either way for the idle timeout. A session that ends cleanly is closed gently: each socket's sending
 * half is shut after the last byte and what still comes in is read and dropped for up to {@link #DRAIN_NANOS}, because
 * closing a socket with unread input resets it, and a reset throws away the bytes not yet delivered.
 */
final class Forwarder extends SelectorLoop {

    /** Buffers kept for later sessions, per thread; more are left to the garbage collector. */
    private static final int SPARE_BUFFERS = 16;
    /** How long an ended session's sockets are read (and the bytes dropped) before they are closed. */
    static final long DRAIN_NANOS = 2_000_000_000L;

    private final Set<Forwarding> forwardings = new HashSet<>();
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private final int bufferBytes;
    private final long idleNanos;
    private final BiConsumer<Pairing, String> ended;

    /**
     * @param ended told once per session that ends here, with why, on this forwarder's thread
     */
    Forwarder(String name, int bufferBytes, Duration idleTimeout, BiConsumer<Pairing, String> ended)
            throws IOException {
        super(name, "its sessions end");
        this.bufferBytes = bufferBytes;
        this.idleNanos = idleTimeout.toNanos();
        this.ended = ended;
    }

    /**
     * Takes over a paired session whose sides were told they are paired.
     *
     * @param agentAnswers, consoleAnswers what the join loop could not write to that side yet (in read mode): it goes
     *            first
     */
    Forwarding start(Pairing pairing, ByteBuffer agentAnswers, ByteBuffer consoleAnswers) {
        Forwarding forwarding = new Forwarding(this, pairing);
        execute(() -> open(forwarding, agentAnswers, consoleAnswers));
        return forwarding;
    }

    @Override
    protected void ready(SelectionKey key) {
        ready((End) key.attachment(), key);
    }

    @Override
    protected void failed(SelectionKey key, RuntimeException e) {
        End end = (End) key.attachment();
        logger.error("Forwarding session {} failed", end.forwarding.pairing.sessionId, e);
        end(end.forwarding, "the relay failed: " + e, false);
    }

    @Override
    protected void tick(long now) {
        closeLate(now);
    }

    /** Ends every session here without telling anyone (the relay is stopping; sessions handed over are included). */
    @Override
    protected void closeAll() {
        for (Forwarding forwarding : List.copyOf(forwardings)) {
            forwarding.closeChannels();
        }
        forwardings.clear();
    }

    private void open(Forwarding forwarding, ByteBuffer agentAnswers, ByteBuffer consoleAnswers) {
        if (forwarding.closed) {
            forwarding.closeChannels();
            return;
        }
        forwardings.add(forwarding);
        forwarding.lastActivityNanos = System.nanoTime();
        try {
            forwarding.agent.open(selector, buffer(), agentAnswers);
            forwarding.console.open(selector, buffer(), consoleAnswers);
            forwarding.agent.flush();
            forwarding.console.flush();
            update(forwarding);
        } catch (IOException e) {
            end(forwarding, "a side failed as forwarding began: " + e.getMessage(), false);
        }
    }

    private void ready(End end, SelectionKey key) {
        Forwarding forwarding = end.forwarding;
        if (forwarding.closed) {
            return;
        }
        if (forwarding.drainingSince != 0) {
            drain(end);
            return;
        }
        try {
            if (key.isWritable() && end.flush()) {
                forwarding.lastActivityNanos = System.nanoTime();
            }
            if (key.isReadable() && end.read()) {
                forwarding.lastActivityNanos = System.nanoTime();
                if (!end.other.inputDone) {
                    end.other.flush();
                }
            }
            update(forwarding);
        } catch (IOException e) {
            end(forwarding, "the " + end.side.name() + "'s connection failed: " + e.getMessage(), false);
        }
    }

    /** Reads and drops what an ended session's side still sends; closes when both sides are done. */
    private void drain(End end) {
        try {
            end.buffer.clear();
            if (end.side.link.channel.read(end.buffer) < 0) {
                end.inputDone = true;
                end.key.interestOps(0);
            }
        } catch (IOException e) {
            end.inputDone = true;
        }
        if (end.inputDone && end.other.inputDone) {
            closeNow(end.forwarding);
        }
    }

    /** Sets what each socket waits for, or ends the session when it is over. */
    private void update(Forwarding forwarding) {
        for (End end : forwarding.ends()) {
            if (end.inputDone && end.other.pending() == 0) {
                end(forwarding, end.side.name() + " closed", true);
                return;
            }
        }
        if (forwarding.closing != null && forwarding.agent.pending() == 0 && forwarding.console.pending() == 0) {
            end(forwarding, forwarding.closing, true);
            return;
        }
        for (End end : forwarding.ends()) {
            // A side that closed gets nothing more (its socket is gone: writing would fail and reset the other's
            // connection with bytes still on their way), and what the other sends is left for the drain.
            int ops = end.pending() > 0 && !end.inputDone ? SelectionKey.OP_WRITE : 0;
            if (!end.inputDone && !end.other.inputDone && forwarding.closing == null && end.other.hasRoom()) {
                ops |= SelectionKey.OP_READ;
            }
            if (end.key.interestOps() != ops) {
                end.key.interestOps(ops);
            }
        }
    }

    /** Stops reading from both sides, delivers what was read, then ends the session (the server ended it). */
    void close(Forwarding forwarding, String reason) {
        execute(() -> {
            if (!forwarding.closed && forwarding.drainingSince == 0 && forwarding.closing == null
                    && forwardings.contains(forwarding)) {
                forwarding.closing = reason;
                update(forwarding);
            }
        });
    }

    /**
     * The session is over: the relay server is told why, once, and the sockets are closed, gently (see the class) or
     * at once (a side failed, or nothing moves).
     */
    private void end(Forwarding forwarding, String reason, boolean gently) {
        if (forwarding.closed || forwarding.drainingSince != 0) {
            return;
        }
        if (gently) {
            forwarding.drainingSince = System.nanoTime();
            for (End end : forwarding.ends()) {
                try {
                    end.side.link.channel.shutdownOutput();
                } catch (IOException e) {
                    end.inputDone = true; // nothing to wait for from a socket that cannot even be shut
                }
                if (end.key.isValid()) {
                    end.key.interestOps(end.inputDone ? 0 : SelectionKey.OP_READ);
                }
            }
            if (forwarding.agent.inputDone && forwarding.console.inputDone) {
                closeNow(forwarding);
            }
        } else {
            closeNow(forwarding);
        }
        try {
            ended.accept(forwarding.pairing, reason);
        } catch (RuntimeException e) {
            logger.warn("Ending session {} failed", forwarding.pairing.sessionId, e);
        }
    }

    private void closeNow(Forwarding forwarding) {
        if (forwarding.closed) {
            return;
        }
        forwarding.closed = true;
        forwardings.remove(forwarding);
        forwarding.closeChannels();
        for (End end : forwarding.ends()) {
            if (end.buffer != null && spare.size() < SPARE_BUFFERS) {
                spare.add(end.buffer.clear());
            }
        }
    }

    /** Sessions where nothing moved for the idle timeout end; ended sessions still draining after 2 s are closed. */
    private void closeLate(long now) {
        for (Forwarding forwarding : List.copyOf(forwardings)) {
            if (forwarding.drainingSince != 0) {
                if (now - forwarding.drainingSince > DRAIN_NANOS) {
                    closeNow(forwarding);
                }
            } else if (now - forwarding.lastActivityNanos > idleNanos) {
                logger.debug("Session {}: nothing moved for {} s, closing", forwarding.pairing.sessionId,
                        idleNanos / 1_000_000_000L);
                end(forwarding, "nothing moved either way for " + idleNanos / 1_000_000_000L + " s", false);
            }
        }
    }

    private ByteBuffer buffer() {
        ByteBuffer reused = spare.poll();
        return reused != null ? reused : ByteBuffer.allocateDirect(bufferBytes);
    }

    /** A paired session on this forwarder; its state is this forwarder thread's, except {@link #closed}. */
    static final class Forwarding {

        final Forwarder forwarder;
        final Pairing pairing;
        final End agent;
        final End console;
        long lastActivityNanos;
        /** Why the server ended it, while what was read is still being delivered. */
        String closing;
        /** When it ended and its sockets began to be drained ({@link System#nanoTime()}); 0 while it runs. */
        long drainingSince;
        volatile boolean closed;

        Forwarding(Forwarder forwarder, Pairing pairing) {
            this.forwarder = forwarder;
            this.pairing = pairing;
            this.agent = new End(this, pairing.agent());
            this.console = new End(this, pairing.console());
            agent.other = console;
            console.other = agent;
        }

        /** The server ends the session: see {@link Forwarder#close}. */
        void close(String reason) {
            forwarder.close(this, reason);
        }

        List<End> ends() {
            return List.of(agent, console);
        }

        void closeChannels() {
            for (End end : ends()) {
                if (end.key != null) {
                    end.key.cancel();
                }
                try {
                    end.side.link.channel.close();
                } catch (IOException ignored) {
                    // closed anyway
                }
            }
        }
    }

    /** One side's socket in a forwarding, and the bytes waiting to be written to it (write mode: 0 to position). */
    static final class End {

        final Forwarding forwarding;
        final Side side;
        End other;
        SelectionKey key;
        ByteBuffer buffer;
        /** This side closed its sending half (read returned end of stream). */
        boolean inputDone;

        End(Forwarding forwarding, Side side) {
            this.forwarding = forwarding;
            this.side = side;
        }

        void open(Selector selector, ByteBuffer buffer, ByteBuffer answers) throws IOException {
            this.buffer = buffer;
            buffer.put(answers);
            key = side.link.channel.register(selector, 0, this);
        }

        int pending() {
            return buffer.position();
        }

        boolean hasRoom() {
            return buffer.hasRemaining();
        }

        /** Reads from this side into the other side's buffer; true when bytes came. */
        boolean read() throws IOException {
            int read = side.link.channel.read(other.buffer);
            if (read < 0) {
                inputDone = true;
                return false;
            }
            side.forwarded.addAndGet(read);
            return read > 0;
        }

        /** Writes what waits for this side; true when bytes left. */
        boolean flush() throws IOException {
            if (buffer.position() == 0) {
                return false;
            }
            buffer.flip();
            int written;
            try {
                written = side.link.channel.write(buffer);
            } finally {
                buffer.compact();
            }
            return written > 0;
        }
    }
}
