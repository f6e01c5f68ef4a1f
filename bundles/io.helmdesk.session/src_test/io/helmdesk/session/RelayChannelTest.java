package io.helmdesk.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ClipboardText;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.session.internal.FileDigest;

/**
 * Joining a session against a {@link FakeRelay} on a real TLS port: pairing, the messages after it (large ones
 * included), a peer that answers the very first message, and each way joining fails — a refused ticket, a session
 * that ended, no other side in time, a wrong pin, a relay that hangs up or sends too much before pairing. Last, two
 * ends pair and send a file through the relay.
 */
class RelayChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private FakeRelay relay;
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());

    @BeforeEach
    void startRelay() throws IOException {
        relay = new FakeRelay(temp);
    }

    @AfterEach
    void stopRelay() {
        relay.close();
        executor.shutdownNow();
    }

    @Test
    void pairsAndCarriesMessagesBothWays() throws Exception {
        RecordingPeer peer = new RecordingPeer();
        RelayChannel channel = RelayChannel.join(relay.address(), FakeRelay.ECHO, WAIT, peer);

        assertEquals(FakeRelay.SESSION, channel.sessionId());
        assertEquals(Role.AGENT, channel.peerRole());
        assertTrue(channel.isOpen());
        ChatMessage hello = new ChatMessage(7, "console", "hello");
        assertTrue(channel.send(hello));
        // The relay's heartbeat after pairing was answered by the transport and not passed on.
        assertEquals(hello, peer.next());
        ClipboardText large = new ClipboardText("y".repeat(1_000_000));
        assertTrue(channel.send(large));
        assertEquals(large, peer.next(), "after pairing, frames up to the session limit arrive");

        channel.close("done");
        assertEquals("done", peer.nextClosed());
        assertFalse(channel.isOpen());
        assertFalse(channel.send(hello));
        assertEquals(0, channel.queuedBytes());
        assertTrue(peer.received.isEmpty());
    }

    @Test
    void aPeerMadeForTheChannelAnswersTheFirstMessage() throws Exception {
        RecordingPeer peer = new RecordingPeer();
        AtomicReference<RelayChannel> madeFor = new AtomicReference<>();
        RelayChannel channel = RelayChannel.join(relay.address(), FakeRelay.ECHO_AND_TALK, WAIT, made -> {
            madeFor.set(made);
            peer.onMessage = message -> {
                if (message instanceof ChatMessage chat && chat.text().equals("right behind the pairing")) {
                    made.send(new ChatMessage(2, "console", "answer"));
                }
            };
            return peer;
        });

        assertSame(channel, madeFor.get());
        assertEquals("right behind the pairing", ((ChatMessage) peer.next()).text());
        assertEquals("answer", ((ChatMessage) peer.next()).text());
        channel.close();
        assertEquals("closed", peer.nextClosed());
    }

    @Test
    void aRefusedTicketFailsWithTheRelaysWords() {
        RecordingPeer peer = new RecordingPeer();
        RelayRefusedException refused = assertThrows(RelayRefusedException.class,
                () -> RelayChannel.join(relay.address(), FakeRelay.USED, WAIT, peer));

        assertEquals(FakeRelay.REFUSAL, refused.relayMessage());
        assertEquals("The relay at " + relay.address() + " refused the ticket: " + FakeRelay.REFUSAL,
                refused.getMessage());
        assertTrue(peer.received.isEmpty() && peer.closed.isEmpty(), "the peer hears nothing of a failed join");
    }

    @Test
    void aSessionThatEndedBeforePairingFails() {
        RelayRefusedException ended = assertThrows(RelayRefusedException.class,
                () -> RelayChannel.join(relay.address(), FakeRelay.ENDED, WAIT, new RecordingPeer()));

        assertEquals("The user declined the session", ended.relayMessage());
        assertTrue(ended.getMessage().contains("ended the session before the other side joined"), ended.getMessage());
    }

    @Test
    void noOtherSideWithinTheTimeoutFailsAndHangsUp() throws Exception {
        RecordingPeer peer = new RecordingPeer();
        SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class,
                () -> RelayChannel.join(relay.address(), FakeRelay.SILENT, Duration.ofMillis(500), peer));

        assertTrue(timeout.getMessage().contains("did not join the session"), timeout.getMessage());
        assertNotNull(relay.closed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the relay saw the connection close");
        assertTrue(peer.closed.isEmpty());
    }

    @Test
    void aWrongPinFailsTheHandshakeNamingBothFingerprints() {
        RelayAddress genuine = relay.address();
        RelayAddress impostor = new RelayAddress(genuine.host(), genuine.port(), "ab".repeat(32));

        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> RelayChannel.join(impostor, FakeRelay.ECHO, WAIT, new RecordingPeer()));

        assertTrue(refused.getMessage().contains(genuine.pin()), refused.getMessage());
        assertTrue(refused.getMessage().contains("ab".repeat(32)), refused.getMessage());
    }

    @Test
    void aRelayThatHangsUpBeforePairingFails() {
        IOException failure = assertThrows(IOException.class,
                () -> RelayChannel.join(relay.address(), FakeRelay.HANG_UP, WAIT, new RecordingPeer()));

        assertFalse(failure instanceof RelayRefusedException);
        assertTrue(failure.getMessage().contains("closed the connection before the other side joined"),
                failure.getMessage());
    }

    @Test
    void nothingLargeIsReadBeforePairing() {
        IOException failure = assertThrows(IOException.class,
                () -> RelayChannel.join(relay.address(), FakeRelay.OVERSIZED, WAIT, new RecordingPeer()));

        assertTrue(failure.getMessage().contains("protocol error"), failure.getMessage());
    }

    @Test
    void twoEndsPairAndSendAFileThroughTheRelay() throws Exception {
        Path agentFolder = Files.createDirectories(temp.resolve("agent"));
        Path consoleFolder = Files.createDirectories(temp.resolve("console"));
        Path file = randomFile(temp.resolve("report.bin"), 8 * 1024 * 1024 + 17);
        TransferRecorder agentEvents = new TransferRecorder();
        TransferRecorder consoleEvents = new TransferRecorder();
        RecordingPeer agentPeer = new RecordingPeer();
        AtomicReference<FileTransfers> consoleFiles = new AtomicReference<>();

        CompletableFuture<RelayChannel> agentSide = CompletableFuture.supplyAsync(() -> {
            try {
                return RelayChannel.join(relay.address(), FakeRelay.AGENT, WAIT,
                        channel -> agentPeer.handingFilesTo(files(channel, agentFolder, agentEvents)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
        RelayChannel console = RelayChannel.join(relay.address(), FakeRelay.CONSOLE, WAIT, channel -> {
            consoleFiles.set(files(channel, consoleFolder, consoleEvents));
            return new RecordingPeer().handingFilesTo(consoleFiles.get());
        });
        RelayChannel agent = agentSide.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(Role.AGENT, console.peerRole());
        assertEquals(Role.CONSOLE, agent.peerRole());
        long id = consoleFiles.get().send(file, "reports/report.bin");
        TransferRecorder.Finished sent = consoleEvents.nextFinished();
        assertEquals(id, sent.transferId());
        assertTrue(sent.success(), sent.message());
        assertTrue(agentEvents.nextFinished().success());
        assertArrayEquals(FileDigest.of(file, () -> false).sha256(),
                FileDigest.of(agentFolder.resolve("reports/report.bin"), () -> false).sha256());

        console.close("the operator ended the session");
        assertEquals("peer closed", agentPeer.nextClosed(), "the relay hung up on the other end");
        assertFalse(agent.isOpen());
    }

    private FileTransfers files(RelayChannel channel, Path folder, TransferRecorder events) {
        try {
            return new FileTransfers(channel, folder, executor, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path randomFile(Path file, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(11).nextBytes(bytes);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(bytes);
        }
        return file;
    }

    /** Records what the channel delivers; may act on messages, or hand file messages to transfers first. */
    static final class RecordingPeer implements SessionPeer {

        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        volatile Consumer<Message> onMessage = message -> {
        };
        private volatile FileTransfers files;

        RecordingPeer handingFilesTo(FileTransfers transfers) {
            this.files = transfers;
            return this;
        }

        @Override
        public void received(Message message) {
            FileTransfers transfers = files;
            if (transfers != null && transfers.handle(message)) {
                return;
            }
            received.add(message);
            onMessage.accept(message);
        }

        @Override
        public void closed(String reason) {
            FileTransfers transfers = files;
            if (transfers != null) {
                transfers.close(reason);
            }
            closed.add(reason);
        }

        Message next() {
            return TransferRecorder.next(received, "message");
        }

        String nextClosed() {
            return TransferRecorder.next(closed, "close");
        }
    }
}
