package io.helmdesk.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLEngineResult.Status;
import javax.net.ssl.SSLException;

import io.helmdesk.transport.ConnectionHandler;

/**
 * A server connection on a {@link GatewayLoop}'s selector, with its TLS engine. It owns no buffer while it is idle:
 * reads, decryption and encryption go through its loop's buffers, and it keeps bytes of its own only for a TLS
 * record that has not fully arrived, for records the socket has not taken yet, and for the frames queued for the
 * peer. Everything but {@link #send}, {@link #close}, {@link #queuedBytes} and {@link #enqueue} runs on the loop's
 * thread; the queue is guarded by this object's lock.
 */
final class NioConnection extends FramedConnection implements Runnable {

    /** Frames encrypted in one pass, at most. */
    static final int GATHER = 64;

    /** Passes of one flush before the loop serves other connections (the rest follows as a new task). */
    private static final int PASSES_PER_FLUSH = 8;

    private static final ByteBuffer[] NOTHING = {ByteBuffer.allocate(0)};

    private final GatewayLoop loop;
    private final SocketChannel channel;
    private final SSLEngine engine;
    private SelectionKey key;
    private ByteBuffer partialRecord;
    private ByteBuffer unsentRecords;
    private long unsentFrameBytes;
    private boolean readingStopped;
    /** Reading waits until a TLS message the engine must send (handshake, key update) has left. */
    private boolean waitingToWrap;
    private boolean closeWhenFlushed;
    private long closingSinceNanos;
    private boolean socketClosed;
    private int slot = -1;
    private boolean watched;

    // Guarded by this: the frames for the peer.
    private ArrayDeque<ByteBuffer> frames;
    private long queuedBytes;
    private boolean flushScheduled;
    private boolean discarded;

    NioConnection(String id, InetSocketAddress remoteAddress, GatewayLoop loop, SocketChannel channel,
            SSLEngine engine, ConnectionHandler handler, int maxPayloadLength) {
        super(id, remoteAddress, handler, maxPayloadLength);
        this.loop = loop;
        this.channel = channel;
        this.engine = engine;
    }

    /** Registers with the loop's selector and starts the handshake; on the loop's thread. */
    void register() throws IOException {
        key = loop.register(channel, this);
        loop.added(this);
        engine.beginHandshake();
    }

    @Override
    public synchronized long queuedBytes() {
        return queuedBytes;
    }

    @Override
    protected boolean enqueue(ByteBuffer frame) {
        synchronized (this) {
            if (discarded || queuedBytes >= loop.maxQueuedBytes()) {
                return false;
            }
            if (frames == null) {
                frames = new ArrayDeque<>(4);
            }
            frames.add(frame);
            queuedBytes += frame.remaining();
            if (flushScheduled) {
                return true;
            }
            flushScheduled = true;
        }
        loop.execute(this);
        return true;
    }

    /** The flush task, handed to the loop by {@link #enqueue}. */
    @Override
    public void run() {
        synchronized (this) {
            flushScheduled = false;
        }
        flush();
    }

    @Override
    protected void closeGracefully() {
        loop.execute(() -> {
            closeWhenFlushed = true;
            closingSinceNanos = System.nanoTime();
            loop.watch(this);
            flush();
        });
    }

    @Override
    protected void closeNow() {
        discard();
        // Always as a task, even on the loop's thread: the handler hears closed() after the call it is in, never
        // inside it (a send refused for a slow peer, from a handler's callback).
        loop.execute(this::closeSocket);
    }

    /** Closes the socket at once; for a loop that ends and runs no more tasks. */
    void closeSocketNow() {
        closeSocket();
    }

    @Override
    protected void stopReading() {
        readingStopped = true;
        interest(SelectionKey.OP_READ, false);
    }

    /** The socket has bytes, or the peer closed its side. */
    void readable() {
        ByteBuffer in = inputSoFar();
        int read;
        try {
            read = channel.read(in);
        } catch (IOException e) {
            failed(e);
            return;
        }
        if (read < 0) {
            abort(Reasons.PEER_CLOSED);
            return;
        }
        // Only decrypted bytes count as hearing from the peer (received()): a trickled record does not.
        in.flip();
        decrypt(in);
    }

    /** The socket takes bytes again. */
    void writable() {
        flush();
        if (waitingToWrap && unsentRecords == null && !socketClosed) {
            waitingToWrap = false;
            if (!readingStopped) {
                interest(SelectionKey.OP_READ, true);
            }
            if (partialRecord != null) {
                // What was read before reading paused may hold whole records.
                decrypt(inputSoFar().flip());
            }
        }
    }

    /** The loop's input buffer, holding the start of a record kept from the last read, if any, ready to be filled. */
    private ByteBuffer inputSoFar() {
        ByteBuffer in = loop.netIn();
        in.clear();
        if (partialRecord != null) {
            in.put(partialRecord);
            partialRecord = null;
        }
        return in;
    }

    /** Closes a connection that has been closing gracefully for longer than {@link #CLOSE_GRACE}. */
    void checkGrace(long nowNanos) {
        if (closeWhenFlushed && !socketClosed && nowNanos - closingSinceNanos > CLOSE_GRACE.toNanos()) {
            closeNow();
        }
    }

    /** How long nothing came from the peer. */
    long silentFor(long nowNanos) {
        return nowNanos - lastReceivedNanos();
    }

    /** Whether neither the handshake's nor the close's timeout concerns it any more (open, or closed). */
    boolean settled() {
        return socketClosed || (state() == State.OPEN && !closeWhenFlushed);
    }

    /**
     * Marks whether the loop looks at this connection's timeouts every tick.
     *
     * @return whether the mark changed
     */
    boolean watched(boolean watched) {
        boolean changed = this.watched != watched;
        this.watched = watched;
        return changed;
    }

    int slot() {
        return slot;
    }

    void slot(int slot) {
        this.slot = slot;
    }

    /** Decrypts the records in {@code in} and passes their bytes on; keeps an unfinished record. */
    private void decrypt(ByteBuffer in) {
        boolean finished = false;
        try {
            ByteBuffer plain = loop.appIn();
            while (in.hasRemaining() && !readingStopped && !socketClosed) {
                if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    flush();
                    if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                        // The socket is full: read nothing more until it takes bytes again (writable), or a peer
                        // that does not read could have the loop copy its input around for ever.
                        waitingToWrap = true;
                        interest(SelectionKey.OP_READ, false);
                        break;
                    }
                    continue;
                }
                plain.clear();
                SSLEngineResult result = engine.unwrap(in, plain);
                if (result.getStatus() == Status.BUFFER_UNDERFLOW) {
                    break;
                }
                if (result.getStatus() == Status.CLOSED) {
                    abort(Reasons.PEER_CLOSED);
                    return;
                }
                if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                    throw new SSLException("A TLS record larger than " + plain.capacity() + " bytes of plain text");
                }
                if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                    secured();
                    finished = true;
                }
                if (plain.position() > 0) {
                    plain.flip();
                    received(plain, this::dispatch);
                }
            }
        } catch (SSLException e) {
            tlsFailed(e);
            return;
        }
        if (in.hasRemaining() && !readingStopped && !socketClosed) {
            partialRecord = ByteBuffer.allocate(in.remaining()).put(in).flip();
        }
        if (finished || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            flush(); // frames queued while a handshake ran wait for its end
        }
    }

    /** Encrypts and writes what the engine and the queue hold, as far as the socket takes it. */
    private void flush() {
        if (socketClosed) {
            return;
        }
        try {
            if (unsentRecords != null) {
                channel.write(unsentRecords);
                if (unsentRecords.hasRemaining()) {
                    interest(SelectionKey.OP_WRITE, true);
                    return;
                }
                unsentRecords = null;
                written(unsentFrameBytes);
                unsentFrameBytes = 0;
            }
            for (int pass = 0; pass < PASSES_PER_FLUSH; pass++) {
                ByteBuffer out = loop.netOut();
                out.clear();
                long completed = encrypt(out);
                if (out.position() == 0) {
                    interest(SelectionKey.OP_WRITE, false);
                    if (closeWhenFlushed && queuedBytes() == 0) {
                        closeAfterNotify();
                    }
                    return;
                }
                out.flip();
                channel.write(out);
                if (out.hasRemaining()) {
                    unsentRecords = ByteBuffer.allocate(out.remaining()).put(out).flip();
                    unsentFrameBytes = completed;
                    interest(SelectionKey.OP_WRITE, true);
                    return;
                }
                written(completed);
            }
            synchronized (this) { // more to write: after the other connections had their turn
                if (flushScheduled) {
                    return;
                }
                flushScheduled = true;
            }
            loop.execute(this);
        } catch (SSLException e) {
            tlsFailed(e);
        } catch (IOException e) {
            failed(e);
        }
    }

    /**
     * Wraps the handshake's messages, then (once open) queued frames into {@code out}, as many records as fit.
     *
     * @return the bytes of the frames wholly encrypted, taken off the queue
     */
    private long encrypt(ByteBuffer out) throws SSLException {
        while (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult result = engine.wrap(NOTHING, out);
            if (result.getStatus() == Status.BUFFER_OVERFLOW) {
                return 0;
            }
            if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                secured();
            }
            if (result.getStatus() == Status.CLOSED) {
                return 0;
            }
        }
        State state = state();
        if ((state != State.OPEN && state != State.CLOSING) || engine.isOutboundDone()
                || engine.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            return 0;
        }
        ByteBuffer[] gather = loop.gather();
        int count = 0;
        synchronized (this) {
            if (frames != null) {
                for (ByteBuffer frame : frames) {
                    gather[count++] = frame;
                    if (count == gather.length) {
                        break;
                    }
                }
            }
        }
        if (count == 0) {
            return 0;
        }
        try {
            int first = 0;
            while (first < count) {
                SSLEngineResult result = engine.wrap(gather, first, count - first, out);
                if (result.getStatus() != Status.OK) {
                    break;
                }
                while (first < count && !gather[first].hasRemaining()) {
                    first++;
                }
            }
            long completed = 0;
            synchronized (this) {
                for (int i = 0; i < first && frames != null; i++) {
                    completed += frames.poll().limit();
                }
                if (frames != null && frames.isEmpty()) {
                    frames = null;
                }
            }
            return completed;
        } finally {
            Arrays.fill(gather, 0, count, null);
        }
    }

    private synchronized void discard() {
        discarded = true;
        frames = null;
        queuedBytes = 0;
    }

    /** Frames of {@code bytes} in all have reached the socket. */
    private synchronized void written(long bytes) {
        if (!discarded) {
            queuedBytes -= bytes;
        }
    }

    /** Everything queued left: a close_notify (best effort, never waited for), then the socket closes. */
    private void closeAfterNotify() {
        engine.closeOutbound();
        sendLastWords();
        closeSocket();
    }

    /** A TLS failure: the engine's alert goes out if the socket takes it, then the connection closes. */
    private void tlsFailed(SSLException e) {
        if (!socketClosed) {
            sendLastWords();
        }
        failed(e);
    }

    /** Wraps and writes what the engine has to say before the socket closes (an alert, a close_notify), once. */
    private void sendLastWords() {
        try {
            ByteBuffer out = loop.netOut();
            out.clear();
            engine.wrap(NOTHING, out);
            out.flip();
            channel.write(out);
        } catch (IOException | RuntimeException ignored) {
            // closing anyway: what matters is the reason already given
        }
    }

    private void closeSocket() {
        if (socketClosed) {
            return;
        }
        socketClosed = true;
        discard(); // a frame queued by a send that raced with the close must not stay counted
        partialRecord = null;
        unsentRecords = null;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closed anyway
        }
        loop.removed(this);
        closed();
    }

    private void interest(int operation, boolean on) {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = key.interestOps();
        int wanted = on ? ops | operation : ops & ~operation;
        if (wanted != ops) {
            key.interestOps(wanted);
        }
    }
}
