package io.helmdesk.session;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.osgi.annotation.versioning.ConsumerType;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.message.Message;
import io.helmdesk.session.internal.SerialExecutor;

/**
 * What one end of a session does with what the other end sends through a {@link RelayChannel}. The calls come on the
 * channel's network thread, one after the other, in the order the messages arrived: return quickly and never block
 * there (no disk, no waiting for a user, no {@code Display.syncExec}), or the connection stalls, heartbeats included.
 * Hand slow work on with {@link #inOrder(Executor, SessionPeer)}, which keeps the order. An exception thrown here is
 * logged and closes the channel.
 */
@ConsumerType
public interface SessionPeer {

    /**
     * A message from the other end. Heartbeats and their acknowledgements are answered by the transport and not
     * passed on; an {@code ErrorMessage} or {@code Bye} is passed on, then the channel closes.
     */
    void received(Message message);

    /**
     * The channel closed; called once, after the last {@link #received}.
     *
     * @param reason e.g. the reason given to {@link RelayChannel#close(String)}, {@code "peer closed"} (the relay
     *            closed: the other end left), {@code "server silent"} (nothing arrived for three heartbeat
     *            intervals), {@code "slow peer"}, {@code "peer error: …"} or {@code "peer said bye: …"}
     */
    void closed(String reason);

    /**
     * A peer that hands every call to {@code peer} on {@code executor}, one at a time and in arrival order (also on a
     * pool of threads), so that {@code peer} may take its time. What arrives meanwhile waits in memory: fine for
     * input, chat, clipboard or a screen that keeps only the latest frame, not for bulk data (give
     * {@link FileTransfers#handle} its messages directly: it bounds what it holds).
     * <p>
     * An exception thrown by {@code peer} is logged and the next call runs; the channel stays open.
     *
     * @param executor e.g. {@code Executors.newSingleThreadExecutor()}, or the application's shared pool; once it
     *            refuses tasks (shut down), calls are dropped
     */
    static SessionPeer inOrder(Executor executor, SessionPeer peer) {
        Objects.requireNonNull(peer, "peer");
        SerialExecutor serial = new SerialExecutor(executor);
        return new SessionPeer() {

            @Override
            public void received(Message message) {
                run(() -> peer.received(message));
            }

            @Override
            public void closed(String reason) {
                run(() -> peer.closed(reason));
            }

            private void run(Runnable call) {
                try {
                    serial.execute(call);
                } catch (RejectedExecutionException stopped) {
                    LoggerFactory.getLogger(SessionPeer.class)
                            .debug("A session message was dropped: its executor is shut down");
                }
            }
        };
    }

    /**
     * A peer that gives file-transfer messages straight to {@code files} on the network thread (it bounds what it
     * holds, and slows the channel down when the disk is slower than the link) and everything else to {@code others}.
     */
    static SessionPeer routeFiles(FileTransfers files, SessionPeer others) {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(others, "others");
        return new SessionPeer() {

            @Override
            public void received(Message message) {
                if (!files.handle(message)) {
                    others.received(message);
                }
            }

            @Override
            public void closed(String reason) {
                others.closed(reason);
            }
        };
    }
}
