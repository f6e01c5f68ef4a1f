package io.helmdesk.console.app.internal.session;

import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.screen.EncoderSettings;
import io.helmdesk.screen.Region;
import io.helmdesk.screen.ScreenEncoder;
import io.helmdesk.session.FileTransfers;
import io.helmdesk.session.IncomingOffer;
import io.helmdesk.session.RelayAddress;
import io.helmdesk.session.RelayChannel;
import io.helmdesk.session.SessionPeer;
import io.helmdesk.session.SessionTicket;

/**
 * The agent's end of a session in the console's tests: the session library both real ends use (the relay channel with
 * its TLS and pinning, the file-transfer engine, the screen encoder) joined to the server's real relay with the
 * agent's ticket. It is not the agent product (a Felix runtime of its own, with a desktop and a user): the test plays
 * the user and the screen, and reads what the console sent.
 */
final class AgentEnd implements AutoCloseable {

    private final List<Message> received = new CopyOnWriteArrayList<>();
    private final List<String> finishedTransfers = new CopyOnWriteArrayList<>();
    private final ExecutorService work = Executors.newCachedThreadPool();
    private final Path folder;
    private volatile RelayChannel channel;
    private volatile FileTransfers files;
    private volatile String closedReason;
    private ScreenEncoder encoder;

    private AgentEnd(Path folder) {
        this.folder = folder;
    }

    /**
     * Joins the relay with the agent's ticket and waits for the console's side, as the agent does once its user
     * accepted; blocks. Offers from the console are accepted, and its requests for the folder's files answered.
     */
    static AgentEnd join(RelayAddress relay, SessionTicket ticket, Path folder) throws IOException {
        AgentEnd end = new AgentEnd(folder);
        end.channel = RelayChannel.join(relay, ticket, Duration.ofSeconds(30), joined -> {
            try {
                end.files = new FileTransfers(joined, folder, end.work, end.new FileEvents());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return SessionPeer.routeFiles(end.files, end.new Peer());
        });
        return end;
    }

    void send(Message message) {
        channel.send(message);
    }

    /** Encodes a screen as the agent does and sends the update: everything the first time, then what changed. */
    void sendScreen(int[] pixels, int width, int height) {
        if (encoder == null || encoder.width() != width || encoder.height() != height) {
            encoder = new ScreenEncoder(width, height, EncoderSettings.defaults());
        }
        FrameUpdate update = encoder.encode(IntBuffer.wrap(pixels), width, List.of(Region.screen(width, height)),
                System.nanoTime());
        channel.send(update);
    }

    /** Everything of this type the console sent so far, in order. */
    <T extends Message> List<T> received(Class<T> type) {
        List<T> found = new ArrayList<>();
        for (Message message : received) {
            if (type.isInstance(message)) {
                found.add(type.cast(message));
            }
        }
        return found;
    }

    void forget() {
        received.clear();
    }

    FileTransfers files() {
        return files;
    }

    Path folder() {
        return folder;
    }

    /** Transfers that ended, each "name: success message". */
    List<String> finishedTransfers() {
        return List.copyOf(finishedTransfers);
    }

    /** Why the channel closed, or null while it is open. */
    String closedReason() {
        return closedReason;
    }

    void close(String reason) {
        channel.close(reason);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close("test over");
        }
        if (files != null) {
            files.close("test over");
        }
        work.shutdownNow();
    }

    private final class Peer implements SessionPeer {

        @Override
        public void received(Message message) {
            received.add(message);
        }

        @Override
        public void closed(String reason) {
            closedReason = reason;
        }
    }

    private final class FileEvents implements FileTransfers.Listener {

        @Override
        public void offered(IncomingOffer offer) {
            offer.accept();
        }

        @Override
        public void progress(long transferId, String name, long bytesDone, long size) {
        }

        @Override
        public void finished(long transferId, String name, boolean success, String message) {
            finishedTransfers.add(name + ": " + success + " " + message);
        }

        @Override
        public boolean allowRequest(String path) {
            return true;
        }
    }
}
