package io.helmdesk.session;

import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.message.FileChunk;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;

/**
 * Two ends of a session in one process, for the file-transfer engine's tests: each end's messages are encoded as on
 * the wire, queued (counted in {@link End#queuedBytes()}) and decoded and handed to the other end's
 * {@link FileTransfers} on a delivery thread of their own, in order. A tamper hook sees each message before delivery
 * and may change or drop it, or cut the link.
 */
final class MemoryLink implements AutoCloseable {

    final End a = new End("a");
    final End b = new End("b");
    private volatile boolean cut;

    MemoryLink() {
        a.other = b;
        b.other = a;
    }

    /**
     * Drops what is still queued and every later message, and closes both ends' transfers with the reason, as a lost
     * connection does.
     */
    void cut(String reason) {
        cut = true;
        a.receiver.close(reason);
        b.receiver.close(reason);
    }

    @Override
    public void close() {
        a.delivery.shutdownNow();
        b.delivery.shutdownNow();
    }

    /** One end: what it sends goes to the other end's transfers. */
    final class End implements MessageSender {

        private final ExecutorService delivery;
        private final AtomicLong queued = new AtomicLong();
        /** What this end sent: the data bytes of its chunks, and where its first chunk started. */
        final AtomicLong chunkBytesSent = new AtomicLong();
        final AtomicLong firstChunkOffset = new AtomicLong(-1);
        final AtomicLong mostQueued = new AtomicLong();
        volatile UnaryOperator<Message> tamper = UnaryOperator.identity();
        volatile FileTransfers receiver;
        private End other;

        End(String name) {
            delivery = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("link-to-" + name).daemon()
                    .factory());
        }

        /** This end's transfers: what the other end sends is handed to them. */
        void attach(FileTransfers transfers) {
            receiver = Objects.requireNonNull(transfers);
        }

        @Override
        public boolean send(Message message) {
            if (cut) {
                return false;
            }
            Frame frame = MessageCodec.encode(message);
            long bytes = frame.encodedLength();
            if (message instanceof FileChunk chunk) {
                chunkBytesSent.addAndGet(chunk.data().length);
                firstChunkOffset.compareAndSet(-1, chunk.offset());
            }
            long now = queued.addAndGet(bytes);
            mostQueued.accumulateAndGet(now, Math::max);
            try {
                delivery.execute(() -> deliver(frame, bytes));
            } catch (RejectedExecutionException closed) {
                queued.addAndGet(-bytes);
                return false;
            }
            return true;
        }

        private void deliver(Frame frame, long bytes) {
            try {
                if (cut) {
                    return;
                }
                Message message = tamper.apply(MessageCodec.decode(frame));
                if (message != null && !cut) {
                    other.receiver.handle(message);
                }
            } finally {
                queued.addAndGet(-bytes);
            }
        }

        @Override
        public long queuedBytes() {
            return cut ? 0 : queued.get();
        }
    }
}
