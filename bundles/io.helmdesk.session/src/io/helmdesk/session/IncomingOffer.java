package io.helmdesk.session;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

import io.helmdesk.protocol.message.FileOffer;

/**
 * A file the other end offers, waiting for this end's answer ({@link FileTransfers.Listener#offered}). Answer now or
 * later (after asking the user), from any thread; the first answer counts. An offer the other end withdraws, or that
 * is still open when the transfers close, ends with {@link FileTransfers.Listener#finished}, and answering it then
 * does nothing.
 */
public final class IncomingOffer {

    private final FileOffer offer;
    private final FileTransfers transfers;
    private final AtomicBoolean answered = new AtomicBoolean();

    IncomingOffer(FileOffer offer, FileTransfers transfers) {
        this.offer = offer;
        this.transfers = transfers;
    }

    public long transferId() {
        return offer.transferId();
    }

    /** The name it is offered under: a path relative to the chosen folder, already checked to stay inside it. */
    public String name() {
        return offer.name();
    }

    /** In bytes. */
    public long size() {
        return offer.size();
    }

    /**
     * Takes the file. It is received into {@code <name>.helmdesk-part} in the chosen folder (continuing one left by an
     * interrupted transfer of the same file) and saved under its name, or {@code name (1).ext} when that is taken.
     */
    public void accept() {
        if (answered.compareAndSet(false, true)) {
            transfers.answer(this, null);
        }
    }

    /** Declines the file; the other end sees the reason. */
    public void refuse(String reason) {
        Objects.requireNonNull(reason, "reason");
        if (answered.compareAndSet(false, true)) {
            transfers.answer(this, reason.isBlank() ? "Declined" : reason);
        }
    }

    FileOffer offer() {
        return offer;
    }

    @Override
    public String toString() {
        return "IncomingOffer[" + offer.transferId() + " '" + offer.name() + "', " + offer.size() + " bytes]";
    }
}
