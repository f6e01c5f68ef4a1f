package io.helmdesk.transport.internal;

import java.util.ArrayDeque;
import java.util.function.Consumer;

import org.apache.mina.core.buffer.IoBuffer;

/**
 * The frames one connection holds for its peer, counted in bytes from the moment they are queued until MINA reports
 * them written to the socket. Beyond the limit nothing more is accepted: the caller closes the connection instead of
 * letting a peer that does not read fill the heap.
 *
 * <p>
 * At most {@link #MAX_IN_FLIGHT} frames are handed to MINA at a time, the rest wait here. MINA's TLS filter refuses
 * a write with a {@code BufferOverflowException} once 64 of them wait for encryption, and queues without counting
 * what it holds, so both the order and the accounting are kept here. Writes are made outside this object's lock (the
 * TLS filter takes its own lock and may call back into the application), and by one thread at a time, so frames
 * leave in the order they were queued.
 */
final class OutboundQueue {

    /** Frames handed to the TLS filter and not yet written; well below its limit of 64. */
    static final int MAX_IN_FLIGHT = 16;

    private final long maxQueuedBytes;
    private final Consumer<IoBuffer> writer;
    private final ArrayDeque<IoBuffer> waiting = new ArrayDeque<>(4);
    private final ArrayDeque<IoBuffer> inFlight = new ArrayDeque<>(4);
    private long queuedBytes;
    private boolean writing;
    private boolean discarded;
    private Runnable whenFlushed;

    /**
     * @param maxQueuedBytes once this many bytes wait, nothing more is accepted; below it any frame is, so the queue
     *            holds at most this plus one frame (a large message is never refused just for its size)
     * @param writer hands one frame to MINA ({@code session.write})
     */
    OutboundQueue(long maxQueuedBytes, Consumer<IoBuffer> writer) {
        this.maxQueuedBytes = maxQueuedBytes;
        this.writer = writer;
    }

    /**
     * Queues a frame and writes what may be written.
     *
     * @return {@code false} when the queue is full, or was discarded; nothing was queued then
     */
    boolean offer(IoBuffer frame) {
        synchronized (this) {
            if (discarded || isFull()) {
                return false;
            }
            queuedBytes += frame.remaining();
            waiting.add(frame);
            if (writing) {
                return true;
            }
            writing = true;
        }
        writeWaiting();
        return true;
    }

    /** MINA wrote {@code message} to the socket; frees its bytes and writes the next ones. */
    void sent(Object message) {
        Runnable flushed = null;
        boolean write = false;
        synchronized (this) {
            if (inFlight.isEmpty() || inFlight.peek() != message) {
                return;
            }
            IoBuffer frame = inFlight.poll();
            queuedBytes -= frame.limit();
            if (!writing && !waiting.isEmpty()) {
                writing = true;
                write = true;
            }
            if (queuedBytes == 0 && whenFlushed != null) {
                flushed = whenFlushed;
                whenFlushed = null;
            }
        }
        if (write) {
            writeWaiting();
        }
        if (flushed != null) {
            flushed.run();
        }
    }

    /** Runs {@code action} once everything queued so far is written: now if nothing is queued. */
    void whenFlushed(Runnable action) {
        synchronized (this) {
            if (queuedBytes > 0 && !discarded) {
                whenFlushed = action;
                return;
            }
        }
        action.run();
    }

    /** Drops what is queued and accepts nothing more (the connection is closing at once). */
    synchronized void discard() {
        discarded = true;
        waiting.clear();
        inFlight.clear();
        queuedBytes = 0;
        whenFlushed = null;
    }

    /** Bytes queued and not yet written to the socket. */
    synchronized long queuedBytes() {
        return queuedBytes;
    }

    /** Whether the next frame would be refused. */
    synchronized boolean isFull() {
        return queuedBytes >= maxQueuedBytes;
    }

    private void writeWaiting() {
        while (true) {
            IoBuffer next;
            synchronized (this) {
                if (discarded || waiting.isEmpty() || inFlight.size() >= MAX_IN_FLIGHT) {
                    writing = false;
                    return;
                }
                next = waiting.poll();
                inFlight.add(next);
            }
            try {
                writer.accept(next);
            } catch (RuntimeException e) {
                synchronized (this) {
                    writing = false;
                }
                throw e;
            }
        }
    }
}
