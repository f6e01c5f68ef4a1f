package io.helmdesk.relay.internal;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

import io.helmdesk.protocol.FrameDecoder;

/**
 * One connection to the relay while it is the join loop's: the frames it sends before pairing (decoded here), the
 * relay's answers still to be written, and its side once it presented a ticket. Used on the join loop's thread only.
 */
final class Link {

    /** The join and heartbeat frames are tiny; nothing bigger is read before pairing. */
    static final int JOIN_MAX_PAYLOAD = 4096;

    final SocketChannel channel;
    final SocketAddress remote;
    final long openedNanos;
    final FrameDecoder decoder = new FrameDecoder(JOIN_MAX_PAYLOAD);
    /** The relay's frames for this connection, in order, not yet written. */
    final ArrayDeque<ByteBuffer> answers = new ArrayDeque<>(2);
    SelectionKey key;
    Side side;
    /** Close once the answers are written (after an error or a farewell); nothing more is read. */
    boolean closing;
    long closingSinceNanos;

    Link(SocketChannel channel, long openedNanos) throws IOException {
        this.channel = channel;
        this.remote = channel.getRemoteAddress();
        this.openedNanos = openedNanos;
    }

    /** Writes what it can of the answers; true when none is left. */
    boolean writeAnswers() throws IOException {
        while (!answers.isEmpty()) {
            ByteBuffer next = answers.peek();
            channel.write(next);
            if (next.hasRemaining()) {
                return false;
            }
            answers.poll();
        }
        return true;
    }

    /** The answers not written yet, as one buffer (read mode); empty when all left. */
    ByteBuffer unwrittenAnswers() {
        int length = answers.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer rest = ByteBuffer.allocate(length);
        answers.forEach(answer -> rest.put(answer.duplicate()));
        answers.clear();
        return rest.flip();
    }

    @Override
    public String toString() {
        return String.valueOf(remote);
    }
}
