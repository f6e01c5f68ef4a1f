package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.PreviewImage;

/**
 * A peer that never reads cannot make the server queue without bound: it is dropped as a slow peer, while a peer that
 * reads gets the same stream of messages without trouble.
 */
class SlowPeerTest {

    private static final long LIMIT = 1 << 20;
    private static final PreviewImage PREVIEW = new PreviewImage(PreviewImage.Format.JPEG, 320, 200,
            new byte[30_000]);
    private static final long FRAME_BYTES = 8 + 1 + 2 + 2 + 4 + 30_000;
    private static final int COUNT = 300;

    @Test
    void aPeerThatNeverReadsIsClosedAndTheQueueStaysBounded() throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Recorder serverSide = new Recorder().onOpened(connection -> sendInLoop(connection, outcome));
        try (TransportServer server = Fixtures.server(settings(), serverSide);
                SSLSocket neverReads = Fixtures.rawTls(server)) {
            Outcome result = outcome.get(10, TimeUnit.SECONDS);
            assertEquals("slow peer", serverSide.nextClosed());
            assertTrue(result.sent < COUNT, "the transport refused to queue more: " + result);
            assertTrue(result.mostQueued < LIMIT + FRAME_BYTES, "at most the limit and one frame: " + result);
            assertTrue(result.mostQueued >= LIMIT, "the queue filled up to the limit: " + result);
            // The socket buffers took what they could before the queue grew: more left than the queue holds.
            assertTrue(result.sent * FRAME_BYTES > LIMIT + FRAME_BYTES, "sent " + result);
            for (int i = 0; i < 100 && server.connections() > 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(0, server.connections());
        }
    }

    @Test
    void aPeerThatReadsGetsEveryMessage() throws Exception {
        CompletableFuture<Outcome> outcome = new CompletableFuture<>();
        Recorder serverSide = new Recorder().onOpened(connection -> sendInLoop(connection, outcome));
        try (TransportServer server = Fixtures.server(settings(), serverSide)) {
            Recorder clientSide = new Recorder();
            Connection client = Fixtures.client(server, clientSide);
            Outcome result = outcome.get(10, TimeUnit.SECONDS);
            assertEquals(COUNT, result.sent, "nothing was refused: " + result);
            for (int i = 0; i < COUNT; i++) {
                assertEquals(PREVIEW, clientSide.nextReceived(PreviewImage.class));
            }
            assertTrue(client.isOpen());
            assertTrue(serverSide.closed.isEmpty());
        }
    }

    /**
     * {@link Connection#queuedBytes()} counts whole frames, headers included, that the socket has not taken: it rises
     * while the peer does not read, so a careful sender can stop below the limit, and falls back to 0 once the peer
     * has read everything.
     */
    @Test
    void queuedBytesCountWhatThePeerHasNotReadYet() throws Exception {
        long frameBytes = MessageCodec.encode(PREVIEW).encodedLength();
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(settings(), serverSide);
                SSLSocket notReadingYet = Fixtures.rawTls(server)) {
            Connection accepted = serverSide.nextOpened();
            assertEquals(0, accepted.queuedBytes());
            int sent = 0;
            // The socket buffers take some frames first; then the queue grows, and a careful sender stops at half.
            while (accepted.queuedBytes() < LIMIT / 2) {
                assertTrue(accepted.send(PREVIEW), "refused after " + sent + " frames");
                sent++;
            }
            long queued = accepted.queuedBytes();
            assertTrue(queued <= sent * frameBytes, queued + " bytes queued for " + sent + " frames");
            assertEquals(0, queued % frameBytes, "whole frames of " + frameBytes + " bytes: " + queued);

            for (int i = 0; i < sent; i++) {
                assertEquals(PREVIEW, Fixtures.read(notReadingYet.getInputStream()));
            }
            for (int i = 0; i < 500 && accepted.queuedBytes() > 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(0, accepted.queuedBytes(), "everything was read");
            assertTrue(accepted.isOpen());
            assertTrue(serverSide.closed.isEmpty());
        }
    }

    private static ServerSettings settings() {
        return new ServerSettings(Fixtures.loopback(0), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Frame.PRE_AUTHENTICATION_MAX_PAYLOAD, LIMIT, 1);
    }

    /**
     * Sends 300 previews (9 MB) from an application thread, as a careful sender does: it lets the queue drain below
     * half the limit, waiting at most 100 ms each time, then sends anyway.
     */
    private static void sendInLoop(Connection connection, CompletableFuture<Outcome> outcome) {
        Thread.ofPlatform().start(() -> {
            long mostQueued = 0;
            int sent = 0;
            try {
                while (sent < COUNT) {
                    for (int wait = 0; wait < 100 && connection.queuedBytes() > LIMIT / 2; wait++) {
                        Thread.sleep(1);
                    }
                    if (!connection.send(PREVIEW)) {
                        break;
                    }
                    sent++;
                    mostQueued = Math.max(mostQueued, connection.queuedBytes());
                }
                outcome.complete(new Outcome(sent, mostQueued));
            } catch (InterruptedException e) {
                outcome.completeExceptionally(e);
            }
        });
    }

    private record Outcome(int sent, long mostQueued) {
    }
}
