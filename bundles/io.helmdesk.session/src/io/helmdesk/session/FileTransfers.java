package io.helmdesk.session;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32;

import org.osgi.annotation.versioning.ConsumerType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.message.FileAccept;
import io.helmdesk.protocol.message.FileChunk;
import io.helmdesk.protocol.message.FileDone;
import io.helmdesk.protocol.message.FileListRequest;
import io.helmdesk.protocol.message.FileListing;
import io.helmdesk.protocol.message.FileOffer;
import io.helmdesk.protocol.message.FileRequest;
import io.helmdesk.protocol.message.Limits;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.session.internal.ChosenFolder;
import io.helmdesk.session.internal.FileDigest;
import io.helmdesk.session.internal.PartFile;
import io.helmdesk.session.internal.Refusal;
import io.helmdesk.session.internal.Sentences;
import io.helmdesk.session.internal.SerialExecutor;

/**
 * The file transfers of one session, the same at both ends: sends files, receives them into one chosen folder, and
 * answers the other end's requests for files and listings of that folder.
 *
 * <p>
 * Sending: {@link #send} hashes the file (SHA-256), offers it ({@code FileOffer}), and on the receiver's
 * {@code FileAccept} streams it from the accepted offset in {@code FileChunk}s of {@link Limits#FILE_CHUNK_BYTES}, each
 * with its CRC-32. It never lets the channel hold more than {@link #QUEUE_HIGH_WATER} bytes, so a file of any size
 * never makes the channel give up on the other end as a slow peer. The receiver's {@code FileDone} ends it.
 *
 * <p>
 * Receiving: a name is refused unless it stays inside the chosen folder (see {@link IncomingOffer#name()}); the file
 * is written to {@code <name>.helmdesk-part}, chunk by chunk, each checked to start exactly where the part ends and
 * against its CRC-32; whole, its SHA-256 is compared and it is moved to its name without overwriting anything
 * ({@code name (1).ext}…). An interrupted transfer leaves the part and a small sidecar with the size and SHA-256: a new
 * offer of the same file continues where it ended. Every refusal is a {@code FileDone} with a sentence that names
 * nothing but the relative name, and leaves no file but such a part.
 *
 * <p>
 * Threads: {@link #handle} never blocks but to bound memory (see there); received messages are handled one at a time
 * in arrival order on the executor, hashing and streaming run there too (one task per outgoing transfer, which
 * blocks while it streams). The listener is called on those threads.
 */
public final class FileTransfers {

    /**
     * A chunk goes out only when the channel's queue, with whatever else is queued on it, stays at or below this;
     * otherwise the sending task waits.
     */
    public static final long QUEUE_HIGH_WATER = 2L * 1024 * 1024;

    /** Received chunk data waiting for the disk beyond this makes {@link #handle} wait. */
    public static final long INBOUND_BACKLOG_BYTES = 16L * 1024 * 1024;

    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    /** A chunk's frame besides its data: header, transfer id, offset, CRC-32 and the data's length. */
    private static final int CHUNK_OVERHEAD = Frame.LONG_HEADER_LENGTH + 8 + 8 + 4 + 4;

    /**
     * What the application hears of transfers, and its policy. Called on the executor's threads, and for
     * {@link FileTransfers#cancel} and {@link FileTransfers#close} on the caller's: return quickly (hand UI work to
     * the UI thread asynchronously) and expect calls from more than one thread.
     */
    @ConsumerType
    public interface Listener {

        /**
         * The other end offers a file: answer with {@link IncomingOffer#accept()} or {@link IncomingOffer#refuse},
         * now or later. Offers with a refused name are refused before this (and reported to {@link #finished}); the
         * offers answering this end's {@link FileTransfers#request} are accepted without asking.
         */
        void offered(IncomingOffer offer);

        /**
         * How far a transfer is: bytes queued for the other end when sending, bytes written when receiving. At most
         * every 100 ms per transfer, and once all bytes are there; a resumed transfer starts at its offset.
         */
        void progress(long transferId, String name, long bytesDone, long size);

        /**
         * A transfer ended, once per transfer id: sent and saved, refused (by either end), cancelled, failed, or cut
         * off by {@link FileTransfers#close}; a request of this end that the other end refused too.
         *
         * @param message on success where the file was saved at the receiver ("Saved as report (1).pdf"); otherwise
         *            why not, as either end said it
         */
        void finished(long transferId, String name, boolean success, String message);

        /** The other end's answer to {@link FileTransfers#list}; {@code error} is not empty when it has no entries. */
        default void listed(FileListing listing) {
        }

        /**
         * Whether the other end may list this folder or fetch this file of the chosen folder; asked before anything is
         * looked up, and the name's checks apply after. No by default: an end that only receives (the console) shares
         * nothing.
         *
         * @param path relative to the chosen folder; empty for the folder itself
         */
        default boolean allowRequest(String path) {
            return false;
        }
    }

    private final Logger logger = LoggerFactory.getLogger(FileTransfers.class);
    private final MessageSender sender;
    private final ChosenFolder folder;
    private final Executor executor;
    private final SerialExecutor inbound;
    private final Listener listener;
    private final Map<Long, Outgoing> outgoing = new ConcurrentHashMap<>();
    private final Map<Long, String> requested = new ConcurrentHashMap<>();
    // Used on the inbound queue only:
    private final Map<Long, Incoming> incoming = new HashMap<>();
    private final Map<Long, IncomingOffer> offers = new HashMap<>();
    /** One chunk at a time goes into the channel, so that all transfers together stay under the high-water mark. */
    private final ReentrantLock channelRoom = new ReentrantLock();
    private final ReentrantLock backlogLock = new ReentrantLock();
    private final Condition backlogDrained = backlogLock.newCondition();
    private long backlogBytes;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param sender where messages for the other end go, usually the session's {@link RelayChannel}
     * @param folder the one folder received files go to and the other end may list and fetch from; it must exist
     * @param executor runs received messages one at a time, and hashing and streaming (a task per outgoing transfer,
     *            busy while it streams): give it threads to spare, e.g. {@code Executors.newCachedThreadPool()} or
     *            the application's shared pool; with a single thread, received messages wait while a file is sent
     * @throws IOException when the folder does not exist or is not a folder
     */
    public FileTransfers(MessageSender sender, Path folder, Executor executor, Listener listener) throws IOException {
        this.sender = Objects.requireNonNull(sender, "sender");
        this.folder = new ChosenFolder(Objects.requireNonNull(folder, "folder"));
        this.executor = Objects.requireNonNull(executor, "executor");
        this.inbound = new SerialExecutor(executor);
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** The chosen folder, as its real path. */
    public Path folder() {
        return folder.root();
    }

    /**
     * Offers a file to the other end and, once accepted, sends it; returns at once (hashing and sending run on the
     * executor). The listener hears how it goes under the returned id.
     *
     * @param nameAtPeer the name it is offered under: a path relative to the other end's chosen folder, {@code /}
     *            between segments
     * @return the transfer id, for {@link #cancel} and the listener
     * @throws IllegalArgumentException when the name is one the other end would refuse ({@code ..}, absolute,
     *             backslashes, colons…)
     * @throws NoSuchFileException when {@code file} is not a regular file
     * @throws AccessDeniedException when it cannot be read
     * @throws IllegalStateException after {@link #close}
     */
    public long send(Path file, String nameAtPeer) throws IOException {
        Objects.requireNonNull(file, "file");
        checkNameToSend(nameAtPeer);
        requireOpen();
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new AccessDeniedException(file.toString());
        }
        long id = newTransferId();
        Outgoing transfer = new Outgoing(id, file, nameAtPeer);
        outgoing.put(id, transfer);
        try {
            executor.execute(() -> offer(transfer));
        } catch (RejectedExecutionException e) {
            outgoing.remove(id);
            throw new IllegalStateException("The executor of these transfers is shut down", e);
        }
        return id;
    }

    /**
     * Asks the other end for a file of its chosen folder; its offer is accepted without asking the listener, and the
     * file is saved in this end's chosen folder under its own name. A refusal reaches
     * {@link Listener#finished}.
     *
     * @param pathAtPeer relative to the other end's chosen folder, {@code /} between segments
     * @return the transfer id
     * @throws IllegalArgumentException when the path is not a relative path the protocol allows
     * @throws IllegalStateException after {@link #close}
     */
    public long request(String pathAtPeer) {
        FileRequest probe = new FileRequest(0, pathAtPeer);
        requireOpen();
        long id = newTransferId();
        requested.put(id, probe.path());
        if (!sender.send(new FileRequest(id, probe.path())) && requested.remove(id) != null) {
            notifyFinished(id, probe.path(), false, "The session is closed");
        }
        return id;
    }

    /**
     * Asks the other end what a folder of its chosen folder holds; the answer reaches {@link Listener#listed}.
     *
     * @param pathAtPeer relative to the other end's chosen folder, or empty for that folder itself
     * @return false when the session is closed
     * @throws IllegalArgumentException when the path is not a relative path the protocol allows
     */
    public boolean list(String pathAtPeer) {
        FileListRequest listRequest = new FileListRequest(Objects.requireNonNull(pathAtPeer, "pathAtPeer"));
        requireOpen();
        return sender.send(listRequest);
    }

    /**
     * Stops a transfer either way, or a request; the other end is told, the listener hears
     * {@link Listener#finished}. What was received stays as a part, to be continued. Does nothing for an id that is
     * not (or no longer) in progress.
     */
    public void cancel(long transferId) {
        Outgoing transfer = outgoing.get(transferId);
        if (transfer != null) {
            endOutgoing(transfer, "Cancelled by the sender", false, "Cancelled");
            return;
        }
        String path = requested.remove(transferId);
        if (path != null) {
            sender.send(new FileDone(transferId, false, "Cancelled by the receiver"));
            notifyFinished(transferId, path, false, "Cancelled");
            return;
        }
        onInbound(() -> cancelIncoming(transferId));
    }

    /**
     * Takes a message from the other end, if it is one of the file-transfer messages. Call it for every message
     * received, right from the channel's callback ({@link SessionPeer#received}): it returns at once, handing the work
     * to the executor, except when more than {@link #INBOUND_BACKLOG_BYTES} of received chunks wait for the disk; then
     * it waits, which stops reading from the connection until the disk caught up (the other end's queue fills and its
     * sending waits) instead of holding the file in memory.
     *
     * @return whether it was a file-transfer message (handled here); false for any other
     */
    public boolean handle(Message message) {
        Objects.requireNonNull(message, "message");
        switch (message) {
            case FileChunk chunk -> onInboundChunk(chunk);
            case FileOffer offer -> onInbound(() -> onOffer(offer));
            case FileAccept accept -> onInbound(() -> onAccept(accept));
            case FileDone done -> onInbound(() -> onDone(done));
            case FileRequest fileRequest -> onInbound(() -> onRequest(fileRequest));
            case FileListRequest listRequest -> onInbound(() -> onListRequest(listRequest));
            case FileListing listing -> onInbound(() -> notify(() -> listener.listed(listing)));
            default -> {
                return false;
            }
        }
        return true;
    }

    /**
     * Ends every transfer, offer and request (the channel closed, or the application stops file transfer): the other
     * end is told where the channel still carries it, parts are kept to be continued, the listener hears
     * {@link Listener#finished} for each with this reason. Messages after this are dropped; sending and requesting
     * throw. Returns at once; received chunks already taken are still written first.
     */
    public void close(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        backlogLock.lock();
        try {
            backlogDrained.signalAll();
        } finally {
            backlogLock.unlock();
        }
        for (Outgoing transfer : List.copyOf(outgoing.values())) {
            endOutgoing(transfer, Sentences.fit(reason), false, reason);
        }
        for (Long id : List.copyOf(requested.keySet())) {
            String path = requested.remove(id);
            if (path != null) {
                sender.send(new FileDone(id, false, Sentences.fit(reason)));
                notifyFinished(id, path, false, reason);
            }
        }
        try {
            inbound.execute(() -> closeInbound(reason));
        } catch (RejectedExecutionException stopped) {
            closeInbound(reason);
        }
    }

    /** An answer of the application to an offer ({@link IncomingOffer}). */
    void answer(IncomingOffer offer, String refusal) {
        onInbound(() -> onAnswer(offer, refusal));
    }

    // Sending.

    /** Hashes the file and offers it; on the executor. */
    private void offer(Outgoing transfer) {
        try {
            FileDigest.Result digest = FileDigest.of(transfer.file, () -> transfer.stopped);
            transfer.size = digest.size();
            FileOffer offer = new FileOffer(transfer.id, transfer.name, digest.size(), digest.sha256());
            synchronized (transfer) {
                // A cancel before this point needs no word to the other end; one after comes behind the offer.
                if (transfer.stopped) {
                    return;
                }
                transfer.offered = true;
                if (!sender.send(offer)) {
                    transfer.offered = false;
                }
            }
            if (!transfer.offered) {
                endOutgoing(transfer, null, false, "The session is closed");
            }
        } catch (InterruptedIOException stopped) {
            logger.debug("Transfer {}: stopped while hashing", transfer.id);
        } catch (IOException e) {
            endOutgoing(transfer, null, false, "Cannot read " + transfer.file + ": " + e.getMessage());
        }
    }

    private void onAccept(FileAccept accept) {
        Outgoing transfer = outgoing.get(accept.transferId());
        if (transfer == null || !transfer.offered || !transfer.streaming.compareAndSet(false, true)) {
            logger.debug("Transfer {}: an acceptance of no open offer, ignored", accept.transferId());
            return;
        }
        if (accept.offset() > transfer.size) {
            endOutgoing(transfer, "The receiver asked for byte " + accept.offset() + " of a " + transfer.size
                    + "-byte file", false, "The receiver asked to start past the end of the file");
            return;
        }
        try {
            executor.execute(() -> stream(transfer, accept.offset()));
        } catch (RejectedExecutionException stopped) {
            endOutgoing(transfer, "The sender stopped", false, "The executor of these transfers is shut down");
        }
    }

    /** Sends the file from {@code offset} on; on the executor, waiting whenever the channel holds enough. */
    private void stream(Outgoing transfer, long offset) {
        CRC32 crc = new CRC32();
        try (FileChannel file = FileChannel.open(transfer.file, StandardOpenOption.READ)) {
            long position = offset;
            progress(transfer, position, true);
            while (position < transfer.size) {
                int length = (int) Math.min(Limits.FILE_CHUNK_BYTES, transfer.size - position);
                byte[] data = new byte[length];
                readFully(file, data, position);
                crc.reset();
                crc.update(data);
                if (!sendWhenThereIsRoom(transfer, new FileChunk(transfer.id, position, (int) crc.getValue(), data))) {
                    if (!transfer.stopped) {
                        endOutgoing(transfer, null, false, "The session closed while the file was sent");
                    }
                    return;
                }
                position += length;
                progress(transfer, position, position == transfer.size);
            }
            // Everything is on its way: the receiver's FileDone ends the transfer.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            endOutgoing(transfer, "The sender stopped", false, "Interrupted");
        } catch (IOException e) {
            endOutgoing(transfer, "The sender could not read the file", false,
                    "Cannot read " + transfer.file + ": " + e.getMessage());
        }
    }

    private boolean sendWhenThereIsRoom(Outgoing transfer, FileChunk chunk) throws InterruptedException {
        long frameBytes = chunk.data().length + CHUNK_OVERHEAD;
        channelRoom.lockInterruptibly();
        try {
            while (sender.queuedBytes() + frameBytes > QUEUE_HIGH_WATER) {
                if (transfer.stopped) {
                    return false;
                }
                // The channel tells no one when bytes leave; a millisecond is short next to what 2 MiB take to leave.
                Thread.sleep(1);
            }
            return !transfer.stopped && sender.send(chunk);
        } finally {
            channelRoom.unlock();
        }
    }

    private static void readFully(FileChannel file, byte[] data, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(data);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("the file got shorter while it was sent");
            }
        }
    }

    /**
     * Ends an outgoing transfer once: stops its streaming, tells the other end when {@code peerSentence} is given and
     * the offer went out, and tells the listener.
     */
    private void endOutgoing(Outgoing transfer, String peerSentence, boolean success, String message) {
        boolean offered;
        synchronized (transfer) {
            transfer.stopped = true;
            offered = transfer.offered;
        }
        if (!transfer.finished.compareAndSet(false, true)) {
            return;
        }
        outgoing.remove(transfer.id, transfer);
        if (peerSentence != null && offered) {
            sender.send(new FileDone(transfer.id, false, Sentences.fit(peerSentence)));
        }
        notifyFinished(transfer.id, transfer.name, success, message);
    }

    private void progress(Outgoing transfer, long bytesDone, boolean always) {
        long now = System.nanoTime();
        if (always || now - transfer.lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
            transfer.lastProgressNanos = now;
            notify(() -> listener.progress(transfer.id, transfer.name, bytesDone, transfer.size));
        }
    }

    // Receiving, on the inbound queue.

    private void onOffer(FileOffer offer) {
        long id = offer.transferId();
        boolean asked = requested.remove(id) != null;
        if (!asked && (outgoing.containsKey(id) || incoming.containsKey(id) || offers.containsKey(id))) {
            refuse(id, offer.name(), "Transfer id " + id + " is in use already", null);
            return;
        }
        try {
            folder.target(offer.name());
        } catch (Refusal refusal) {
            refuse(id, offer.name(), refusal.getMessage(), null);
            return;
        } catch (IOException e) {
            refuse(id, offer.name(), "The receiver cannot write there",
                    "Cannot check " + Sentences.quote(offer.name()) + ": " + e);
            return;
        }
        IncomingOffer pending = new IncomingOffer(offer, this);
        offers.put(id, pending);
        if (asked) {
            pending.accept();
        } else {
            notify(() -> listener.offered(pending));
        }
    }

    private void onAnswer(IncomingOffer answered, String refusal) {
        long id = answered.transferId();
        if (offers.get(id) != answered) {
            // Withdrawn by the other end, or closed meanwhile.
            return;
        }
        offers.remove(id);
        if (refusal != null) {
            refuse(id, answered.name(), refusal, null);
            return;
        }
        FileOffer offer = answered.offer();
        PartFile part;
        try {
            part = PartFile.open(folder, offer.name(), offer.size(), offer.sha256());
        } catch (Refusal refused) {
            refuse(id, offer.name(), refused.getMessage(), null);
            return;
        } catch (IOException e) {
            refuse(id, offer.name(), "The receiver cannot write the file",
                    "Cannot write " + Sentences.quote(offer.name()) + ": " + e);
            return;
        }
        Incoming transfer = new Incoming(id, offer.name(), offer.size(), part);
        incoming.put(id, transfer);
        if (part.resumedAt() > 0) {
            logger.debug("Transfer {}: continuing {} at byte {}", id, Sentences.quote(offer.name()),
                    part.resumedAt());
        }
        if (!sender.send(new FileAccept(id, part.length()))) {
            incoming.remove(id);
            keep(transfer);
            notifyFinished(id, offer.name(), false, "The session is closed");
            return;
        }
        progress(transfer, true);
        if (part.isComplete()) {
            save(transfer);
        }
    }

    private void onInboundChunk(FileChunk chunk) {
        if (closed.get()) {
            return;
        }
        int bytes = chunk.data().length;
        reserveBacklog(bytes);
        try {
            inbound.execute(() -> {
                try {
                    onChunk(chunk);
                } finally {
                    releaseBacklog(bytes);
                }
            });
        } catch (RejectedExecutionException stopped) {
            releaseBacklog(bytes);
            logger.debug("A file chunk was dropped: the executor of these transfers is shut down");
        }
    }

    private void onChunk(FileChunk chunk) {
        Incoming transfer = incoming.get(chunk.transferId());
        if (transfer == null) {
            // Chunks already on their way when a transfer ended.
            logger.trace("Transfer {}: a chunk of no open transfer, ignored", chunk.transferId());
            return;
        }
        try {
            transfer.part.write(chunk);
        } catch (Refusal refusal) {
            incoming.remove(transfer.id);
            keep(transfer);
            refuse(transfer.id, transfer.name, refusal.getMessage(), null);
            return;
        } catch (IOException e) {
            incoming.remove(transfer.id);
            keep(transfer);
            refuse(transfer.id, transfer.name, "The receiver cannot write the file",
                    "Cannot write " + Sentences.quote(transfer.name) + ": " + e);
            return;
        }
        progress(transfer, transfer.part.isComplete());
        if (transfer.part.isComplete()) {
            save(transfer);
        }
    }

    private void save(Incoming transfer) {
        incoming.remove(transfer.id);
        try {
            String sentence = Sentences.fit("Saved as " + transfer.part.save());
            sender.send(new FileDone(transfer.id, true, sentence));
            notifyFinished(transfer.id, transfer.name, true, sentence);
        } catch (Refusal refusal) {
            refuse(transfer.id, transfer.name, refusal.getMessage(), null);
        } catch (IOException e) {
            keep(transfer);
            refuse(transfer.id, transfer.name, "The receiver cannot save the file",
                    "Cannot save " + Sentences.quote(transfer.name) + ": " + e);
        }
    }

    private void onDone(FileDone done) {
        long id = done.transferId();
        String said = done.message();
        Outgoing sending = outgoing.get(id);
        if (sending != null) {
            endOutgoing(sending, null, done.success(),
                    said.isEmpty() ? (done.success() ? "Received" : "Refused by the receiver") : said);
            return;
        }
        Incoming receiving = incoming.remove(id);
        if (receiving != null) {
            keep(receiving);
            notifyFinished(id, receiving.name, false, "The sender stopped" + (said.isEmpty() ? "" : ": " + said));
            return;
        }
        IncomingOffer offer = offers.remove(id);
        if (offer != null) {
            notifyFinished(id, offer.name(), false,
                    "The sender withdrew the offer" + (said.isEmpty() ? "" : ": " + said));
            return;
        }
        String path = requested.remove(id);
        if (path != null) {
            notifyFinished(id, path, false, said.isEmpty() ? "Refused by the other side" : said);
            return;
        }
        logger.debug("Transfer {}: an end of no open transfer, ignored", id);
    }

    private void cancelIncoming(long id) {
        Incoming receiving = incoming.remove(id);
        if (receiving != null) {
            keep(receiving);
            sender.send(new FileDone(id, false, "Cancelled by the receiver"));
            notifyFinished(id, receiving.name, false, "Cancelled");
            return;
        }
        IncomingOffer offer = offers.remove(id);
        if (offer != null) {
            refuse(id, offer.name(), "Declined", "Cancelled");
        }
    }

    /** Refuses or ends an incoming transfer: the other end gets the sentence, the listener the local one. */
    private void refuse(long id, String name, String peerSentence, String localSentence) {
        sender.send(new FileDone(id, false, Sentences.fit(peerSentence)));
        notifyFinished(id, name, false, localSentence != null ? localSentence : peerSentence);
    }

    private void keep(Incoming transfer) {
        try {
            transfer.part.keep();
        } catch (IOException e) {
            logger.warn("Closing the partial file of {} failed", Sentences.quote(transfer.name), e);
        }
    }

    private void progress(Incoming transfer, boolean always) {
        long now = System.nanoTime();
        if (always || now - transfer.lastProgressNanos >= PROGRESS_INTERVAL_NANOS) {
            transfer.lastProgressNanos = now;
            long done = transfer.part.length();
            notify(() -> listener.progress(transfer.id, transfer.name, done, transfer.size));
        }
    }

    private void closeInbound(String reason) {
        for (Incoming transfer : List.copyOf(incoming.values())) {
            keep(transfer);
            sender.send(new FileDone(transfer.id, false, Sentences.fit(reason)));
            notifyFinished(transfer.id, transfer.name, false, reason);
        }
        incoming.clear();
        for (IncomingOffer offer : List.copyOf(offers.values())) {
            refuse(offer.transferId(), offer.name(), reason, null);
        }
        offers.clear();
    }

    // The other end's requests, on the inbound queue.

    private void onRequest(FileRequest fileRequest) {
        long id = fileRequest.transferId();
        String path = fileRequest.path();
        if (!allowed(path)) {
            sender.send(new FileDone(id, false, "This side does not share files"));
            return;
        }
        if (outgoing.containsKey(id) || incoming.containsKey(id) || offers.containsKey(id)) {
            sender.send(new FileDone(id, false, "Transfer id " + id + " is in use already"));
            return;
        }
        Path file;
        try {
            file = folder.existingFile(path);
        } catch (Refusal refusal) {
            sender.send(new FileDone(id, false, Sentences.fit(refusal.getMessage())));
            return;
        } catch (IOException e) {
            logger.debug("Cannot look up {} for the other side", Sentences.quote(path), e);
            sender.send(new FileDone(id, false, Sentences.fit("Cannot read " + Sentences.quote(path))));
            return;
        }
        // The requester saves it in its own chosen folder, under the file's own name.
        String name = file.getFileName().toString();
        try {
            checkNameToSend(name);
        } catch (IllegalArgumentException e) {
            sender.send(new FileDone(id, false, Sentences.fit(e.getMessage())));
            return;
        }
        Outgoing transfer = new Outgoing(id, file, name);
        outgoing.put(id, transfer);
        try {
            executor.execute(() -> offer(transfer));
        } catch (RejectedExecutionException stopped) {
            outgoing.remove(id);
            sender.send(new FileDone(id, false, "The sender stopped"));
        }
    }

    private void onListRequest(FileListRequest listRequest) {
        String path = listRequest.path();
        FileListing listing;
        if (!allowed(path)) {
            listing = new FileListing(path, List.of(), "This side does not share files");
        } else {
            try {
                ChosenFolder.Listing found = folder.list(path);
                String note = found.total() > found.entries().size()
                        ? "Only the first " + found.entries().size() + " of " + found.total() + " entries are listed"
                        : "";
                listing = new FileListing(path, found.entries(), note);
            } catch (Refusal refusal) {
                listing = new FileListing(path, List.of(), Sentences.fit(refusal.getMessage()));
            } catch (IOException e) {
                logger.debug("Cannot list {} for the other side", Sentences.quote(path), e);
                listing = new FileListing(path, List.of(), Sentences.fit("Cannot list " + Sentences.quote(path)));
            }
        }
        sender.send(listing);
    }

    private boolean allowed(String path) {
        try {
            return listener.allowRequest(path);
        } catch (RuntimeException e) {
            logger.warn("The file-transfer listener failed in allowRequest; refused", e);
            return false;
        }
    }

    // Plumbing.

    /** Runs received work in arrival order; dropped once closed (the close runs its own). */
    private void onInbound(Runnable task) {
        if (closed.get()) {
            return;
        }
        try {
            inbound.execute(() -> {
                if (!closed.get()) {
                    task.run();
                }
            });
        } catch (RejectedExecutionException stopped) {
            logger.debug("A file-transfer message was dropped: the executor of these transfers is shut down");
        }
    }

    private void reserveBacklog(int bytes) {
        backlogLock.lock();
        try {
            while (backlogBytes > 0 && backlogBytes + bytes > INBOUND_BACKLOG_BYTES && !closed.get()) {
                try {
                    backlogDrained.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            backlogBytes += bytes;
        } finally {
            backlogLock.unlock();
        }
    }

    private void releaseBacklog(int bytes) {
        backlogLock.lock();
        try {
            backlogBytes -= bytes;
            backlogDrained.signalAll();
        } finally {
            backlogLock.unlock();
        }
    }

    private void notifyFinished(long id, String name, boolean success, String message) {
        notify(() -> listener.finished(id, name, success, message));
    }

    private void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            logger.warn("The file-transfer listener failed", e);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("These file transfers are closed");
        }
    }

    private long newTransferId() {
        // Random, so that the ids both ends choose do not meet.
        while (true) {
            long id = ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
            if (!outgoing.containsKey(id) && !requested.containsKey(id)) {
                return id;
            }
        }
    }

    /** The receiver's rules, and the protocol's (the name's length in UTF-8, valid Unicode). */
    private static void checkNameToSend(String name) {
        Objects.requireNonNull(name, "name");
        ChosenFolder.checkName(name);
        new FileOffer(0, name, 0, new byte[32]);
    }

    /** A file this end sends. */
    private static final class Outgoing {

        final long id;
        final Path file;
        final String name;
        final AtomicBoolean streaming = new AtomicBoolean();
        final AtomicBoolean finished = new AtomicBoolean();
        volatile long size;
        /** Guarded by this, with {@link #stopped}: whether the offer went out. */
        volatile boolean offered;
        volatile boolean stopped;
        volatile long lastProgressNanos;

        Outgoing(long id, Path file, String name) {
            this.id = id;
            this.file = file;
            this.name = name;
        }
    }

    /** A file this end receives; used on the inbound queue only. */
    private static final class Incoming {

        final long id;
        final String name;
        final long size;
        final PartFile part;
        long lastProgressNanos;

        Incoming(long id, String name, long size, PartFile part) {
            this.id = id;
            this.name = name;
            this.size = size;
            this.part = part;
        }
    }
}
