package io.helmdesk.session;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import io.helmdesk.protocol.message.FileListing;

/** A listener that records what happens, for tests to wait on; its offer policy and sharing are set per test. */
final class TransferRecorder implements FileTransfers.Listener {

    static final Duration WAIT = Duration.ofSeconds(60);

    record Finished(long transferId, String name, boolean success, String message) {
    }

    final BlockingQueue<IncomingOffer> offered = new LinkedBlockingQueue<>();
    final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
    final BlockingQueue<FileListing> listed = new LinkedBlockingQueue<>();
    final Map<Long, Long> lastProgress = new ConcurrentHashMap<>();
    private volatile Consumer<IncomingOffer> policy = IncomingOffer::accept;
    private volatile Predicate<String> sharing = path -> false;

    TransferRecorder answering(Consumer<IncomingOffer> offerPolicy) {
        this.policy = offerPolicy;
        return this;
    }

    TransferRecorder sharing(Predicate<String> allowed) {
        this.sharing = allowed;
        return this;
    }

    @Override
    public void offered(IncomingOffer offer) {
        offered.add(offer);
        policy.accept(offer);
    }

    @Override
    public void progress(long transferId, String name, long bytesDone, long size) {
        lastProgress.put(transferId, bytesDone);
    }

    @Override
    public void finished(long transferId, String name, boolean success, String message) {
        finished.add(new Finished(transferId, name, success, message));
    }

    @Override
    public void listed(FileListing listing) {
        listed.add(listing);
    }

    @Override
    public boolean allowRequest(String path) {
        return sharing.test(path);
    }

    /** The next end of a transfer. */
    Finished nextFinished() {
        return next(finished, "finished transfer");
    }

    FileListing nextListing() {
        return next(listed, "listing");
    }

    static <T> T next(BlockingQueue<T> queue, String what) {
        try {
            T item = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(item, "no " + what + " within " + WAIT.toSeconds() + " s");
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }
}
