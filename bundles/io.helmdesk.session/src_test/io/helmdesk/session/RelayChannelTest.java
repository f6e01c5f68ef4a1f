package io.helmdesk.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

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
import io.helmdesk.transport.EndToEndIdentity;

/**
 * Joining a session through a {@link FakeRelay} on a real TCP port, with the two ends' TLS running end to end through
 * it: pairing, the messages after it (large ones included) and that the relay saw none of them in the clear, a peer
 * that answers the very first message, each end refusing a certificate other than the pinned one, and each way joining
 * fails — a refused ticket, a session that ended, no other side in time, a relay that hangs up or sends too much before
 * pairing. Last, two ends send a file through the relay.
 */
class RelayChannelTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path temp;

    private FakeRelay relay;
    private EndToEndIdentity agentIdentity;
    private EndToEndIdentity consoleIdentity;
    private final ExecutorService executor = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().factory());

    @BeforeEach
    void startRelay() throws IOException {
        relay = new FakeRelay();
        agentIdentity = EndToEndIdentity.create();
        consoleIdentity = EndToEndIdentity.create();
    }

    @AfterEach
    void stopRelay() {
        relay.close();
        executor.shutdownNow();
    }

    @Test
    void pairsAndCarriesMessagesBothWaysWhereTheRelayCannotReadThem() throws Exception {
        RecordingPeer agentPeer = new RecordingPeer();
        CompletableFuture<RelayChannel> agentSide = joinAsync(agentTicket("s1"), made -> {
            // The agent sends every message back.
            agentPeer.onMessage = made::send;
            return agentPeer;
        });
        RecordingPeer peer = new RecordingPeer();
        RelayChannel channel = RelayChannel.join(relay.address(), consoleTicket("s1"), WAIT, peer);
        RelayChannel agent = agentSide.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

        assertEquals(FakeRelay.SESSION, channel.sessionId());
        assertEquals(Role.AGENT, channel.peerRole());
        assertEquals(Role.CONSOLE, agent.peerRole());
        assertTrue(channel.isOpen());
        ChatMessage hello = new ChatMessage(7, "console", "words the relay must not read");
        assertTrue(channel.send(hello));
        assertEquals(hello, peer.next());
        ClipboardText large = new ClipboardText("y".repeat(1_000_000));
        assertTrue(channel.send(large));
        assertEquals(large, peer.next(), "after pairing, frames up to the session limit arrive");
        String seen = new String(relay.forwarded(), StandardCharsets.ISO_8859_1);
        assertTrue(seen.length() > 2_000_000, "the relay forwarded both ways: " + seen.length() + " bytes");
        assertFalse(seen.contains("must not read") || seen.contains("yyyyyyyy"), "the relay saw plain text");

        channel.close("done");
        assertEquals("done", peer.nextClosed());
        assertFalse(channel.isOpen());
        assertFalse(channel.send(hello));
        assertEquals(0, channel.queuedBytes());
        assertTrue(peer.received.isEmpty());
        assertEquals("peer closed", agentPeer.nextClosed(), "the relay hung up on the other end");
    }

    @Test
    void aPeerMadeForTheChannelAnswersTheFirstMessage() throws Exception {
        RecordingPeer agentPeer = new RecordingPeer();
        CompletableFuture<RelayChannel> agentSide = joinAsync(agentTicket("s2"), made -> agentPeer);
        RecordingPeer peer = new RecordingPeer();
        AtomicReference<RelayChannel> madeFor = new AtomicReference<>();
        CompletableFuture<RelayChannel> consoleSide = joinAsync(consoleTicket("s2"), made -> {
            madeFor.set(made);
            peer.onMessage = message -> {
                if (message instanceof ChatMessage chat && chat.text().equals("right behind the pairing")) {
                    made.send(new ChatMessage(2, "console", "answer"));
                }
            };
            return peer;
        });
        // The agent talks the moment it joined, which may be before the console's join returned.
        agentSide.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .send(new ChatMessage(1, "agent", "right behind the pairing"));

        assertEquals("right behind the pairing", ((ChatMessage) peer.next()).text());
        assertEquals("answer", ((ChatMessage) agentPeer.next()).text());
        RelayChannel channel = consoleSide.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertSame(channel, madeFor.get());
        channel.close();
        assertEquals("closed", peer.nextClosed());
    }

    @Test
    void theConsoleRefusesAnAgentWithAnotherCertificateNamingBothFingerprints() throws Exception {
        EndToEndIdentity impostor = EndToEndIdentity.create();
        joinAsync(new SessionTicket(Role.AGENT, "s3" + FakeRelay.AGENT, impostor, consoleIdentity.pin()),
                made -> new RecordingPeer());

        SSLHandshakeException refused = assertThrows(SSLHandshakeException.class,
                () -> RelayChannel.join(relay.address(), consoleTicket("s3"), WAIT, new RecordingPeer()));

        assertTrue(refused.getMessage().contains(impostor.pin()), refused.getMessage());
        assertTrue(refused.getMessage().contains(agentIdentity.pin()), refused.getMessage());
    }

    @Test
    void theAgentRefusesAConsoleWithAnotherCertificateNamingBothFingerprints() throws Exception {
        EndToEndIdentity impostor = EndToEndIdentity.create();
        CompletableFuture<RelayChannel> agentSide = joinAsync(agentTicket("s4"), made -> new RecordingPeer());

        RecordingPeer consolePeer = new RecordingPeer();
        try {
            // TLS 1.3: the client may finish its handshake before the server checked its certificate; then the
            // connection closes right after, before any message.
            RelayChannel.join(relay.address(),
                    new SessionTicket(Role.CONSOLE, "s4" + FakeRelay.CONSOLE, impostor, agentIdentity.pin()), WAIT,
                    consolePeer);
            assertNotNull(consolePeer.nextClosed());
        } catch (IOException refusedDuringTheHandshake) {
            // as well
        }
        assertTrue(consolePeer.received.isEmpty());

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> agentSide.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        SSLHandshakeException refused = assertInstanceOf(SSLHandshakeException.class, failed.getCause().getCause());
        assertTrue(refused.getMessage().contains(impostor.pin()), refused.getMessage());
        assertTrue(refused.getMessage().contains(consoleIdentity.pin()), refused.getMessage());
    }

    @Test
    void aRefusedTicketFailsWithTheRelaysWords() {
        RecordingPeer peer = new RecordingPeer();
        RelayRefusedException refused = assertThrows(RelayRefusedException.class,
                () -> RelayChannel.join(relay.address(), plainTicket(FakeRelay.USED), WAIT, peer));

        assertEquals(FakeRelay.REFUSAL, refused.relayMessage());
        assertEquals("The relay at " + relay.address() + " refused the ticket: " + FakeRelay.REFUSAL,
                refused.getMessage());
        assertTrue(peer.received.isEmpty() && peer.closed.isEmpty(), "the peer hears nothing of a failed join");
    }

    @Test
    void aSessionThatEndedBeforePairingFails() {
        RelayRefusedException ended = assertThrows(RelayRefusedException.class,
                () -> RelayChannel.join(relay.address(), plainTicket(FakeRelay.ENDED), WAIT, new RecordingPeer()));

        assertEquals("The user declined the session", ended.relayMessage());
        assertTrue(ended.getMessage().contains("ended the session before the other side joined"), ended.getMessage());
    }

    @Test
    void noOtherSideWithinTheTimeoutFailsAndHangsUp() throws Exception {
        RecordingPeer peer = new RecordingPeer();
        SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class, () -> RelayChannel
                .join(relay.address(), plainTicket(FakeRelay.SILENT), Duration.ofMillis(500), peer));

        assertTrue(timeout.getMessage().contains("did not join the session"), timeout.getMessage());
        assertEquals(FakeRelay.SILENT, relay.closed.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS),
                "the relay saw the connection close");
        assertTrue(peer.closed.isEmpty());
    }

    @Test
    void aRelayThatHangsUpBeforePairingFails() {
        IOException failure = assertThrows(IOException.class, () -> RelayChannel.join(relay.address(),
                plainTicket(FakeRelay.HANG_UP), WAIT, new RecordingPeer()));

        assertFalse(failure instanceof RelayRefusedException);
        assertEquals("The relay at " + relay.address() + " closed the connection before the other side joined",
                failure.getMessage());
    }

    @Test
    void nothingLargeIsReadBeforePairing() {
        IOException failure = assertThrows(IOException.class, () -> RelayChannel.join(relay.address(),
                plainTicket(FakeRelay.OVERSIZED), WAIT, new RecordingPeer()));

        assertTrue(failure.getMessage().contains("broke the protocol"), failure.getMessage());
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

        CompletableFuture<RelayChannel> agentSide = joinAsync(agentTicket("s5"),
                channel -> agentPeer.handingFilesTo(files(channel, agentFolder, agentEvents)));
        RelayChannel console = RelayChannel.join(relay.address(), consoleTicket("s5"), WAIT, channel -> {
            consoleFiles.set(files(channel, consoleFolder, consoleEvents));
            return new RecordingPeer().handingFilesTo(consoleFiles.get());
        });
        RelayChannel agent = agentSide.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);

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

    private SessionTicket agentTicket(String session) {
        return new SessionTicket(Role.AGENT, session + FakeRelay.AGENT, agentIdentity, consoleIdentity.pin());
    }

    /** A console's ticket the fake relay acts on by its name. */
    private SessionTicket plainTicket(String ticket) {
        return new SessionTicket(Role.CONSOLE, ticket, consoleIdentity, agentIdentity.pin());
    }

    private SessionTicket consoleTicket(String session) {
        return new SessionTicket(Role.CONSOLE, session + FakeRelay.CONSOLE, consoleIdentity, agentIdentity.pin());
    }

    private CompletableFuture<RelayChannel> joinAsync(SessionTicket ticket,
            Function<RelayChannel, SessionPeer> peerFor) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return RelayChannel.join(relay.address(), ticket, WAIT, peerFor);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, executor);
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
