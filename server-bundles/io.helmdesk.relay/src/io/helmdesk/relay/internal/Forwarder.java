package io.helmdesk.relay.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One forwarding thread: it copies the bytes of paired sessions between their two sockets, on a selector of its own,
 * through one direct buffer per direction (the socket reads into it and writes from it; the bytes are not copied in
 * Java). Back-pressure is the buffer: while it is full, the relay does not read from the side that fills it, and TCP
 * slows that side down. A session ends when either side closes (after what that side sent was delivered), fails, or
 * nothing moved either way for the idle timeout.
 */
final class Forwarder implements Runnable {

    /** Buffers kept for later sessions, per thread; more are left to the garbage collector. */
    private static final int SPARE_BUFFERS = 16;

    private final Logger logger = LoggerFactory.getLogger(Forwarder.class);
    private final Selector selector;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Set<Forwarding> forwardings = new HashSet<>();
    private final ArrayDeque<ByteBuffer> spare = new ArrayDeque<>();
    private final int bufferBytes;
    private final long idleNanos;
    private final BiConsumer<Pairing, String> ended;
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param ended told once per session that ends here, with why, on this forwarder's thread
     */
    Forwarder(String name, int bufferBytes, Duration idleTimeout, BiConsumer<Pairing, String> ended)
            throws IOException {
        this.selector = Selector.open();
        this.bufferBytes = bufferBytes;
        this.idleNanos = idleTimeout.toNanos();
        this.ended = ended;
        this.thread = Thread.ofPlatform().name(name).daemon().start(this);
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

    /** Runs {@code task} on this forwarder's thread. */
    void execute(Runnable task) {
        tasks.add(task);
        selector.wakeup();
    }

    /** Ends every session here without telling anyone (the relay is stopping), and the thread. */
    void stop() {
        running = false;
        selector.wakeup();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void run() {
        long nextIdleCheck = System.nanoTime() + 1_000_000_000L;
        try {
            while (running) {
                selector.select(1000);
                Runnable task;
                while ((task = tasks.poll()) != null) {
                    task.run();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    ready((End) key.attachment(), key);
                }
                selector.selectedKeys().clear();
                long now = System.nanoTime();
                if (now - nextIdleCheck >= 0) {
                    nextIdleCheck = now + 1_000_000_000L;
                    closeIdle(now);
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            logger.error("The relay's forwarding thread {} failed; its sessions end", thread.getName(), e);
        } finally {
            for (Forwarding forwarding : List.copyOf(forwardings)) {
                forwarding.closeChannels();
            }
            forwardings.clear();
            try {
                selector.close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }
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
            finish(forwarding, "a side failed as forwarding began: " + e.getMessage());
        }
    }

    private void ready(End end, SelectionKey key) {
        Forwarding forwarding = end.forwarding;
        if (forwarding.closed) {
            return;
        }
        try {
            if (key.isWritable() && end.flush()) {
                forwarding.lastActivityNanos = System.nanoTime();
            }
            if (key.isReadable() && end.read()) {
                forwarding.lastActivityNanos = System.nanoTime();
                end.other.flush();
            }
            update(forwarding);
        } catch (IOException e) {
            finish(forwarding, "the " + end.side.name() + "'s connection failed: " + e.getMessage());
        }
    }

    /** Sets what each socket waits for, or ends the session when it is over. */
    private void update(Forwarding forwarding) {
        for (End end : forwarding.ends()) {
            if (end.inputDone && end.other.pending() == 0) {
                finish(forwarding, end.side.name() + " closed");
                return;
            }
        }
        if (forwarding.closing != null && forwarding.agent.pending() == 0 && forwarding.console.pending() == 0) {
            finish(forwarding, forwarding.closing);
            return;
        }
        for (End end : forwarding.ends()) {
            int ops = end.pending() > 0 ? SelectionKey.OP_WRITE : 0;
            if (!end.inputDone && forwarding.closing == null && end.other.hasRoom()) {
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
            if (!forwarding.closed && forwarding.closing == null && forwardings.contains(forwarding)) {
                forwarding.closing = reason;
                update(forwarding);
            }
        });
    }

    private void finish(Forwarding forwarding, String reason) {
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
        try {
            ended.accept(forwarding.pairing, reason);
        } catch (RuntimeException e) {
            logger.warn("Ending session {} failed", forwarding.pairing.sessionId, e);
        }
    }

    private void closeIdle(long now) {
        for (Forwarding forwarding : List.copyOf(forwardings)) {
            if (now - forwarding.lastActivityNanos > idleNanos) {
                logger.debug("Session {}: nothing moved for {} s, closing", forwarding.pairing.sessionId,
                        idleNanos / 1_000_000_000L);
                finish(forwarding, "nothing moved either way for " + idleNanos / 1_000_000_000L + " s");
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
