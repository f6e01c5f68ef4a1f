package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.Status;

/**
 * The client proves it is alive every quiet interval, and gives up on a server that says nothing for three; a
 * conversation both ways needs no heartbeats.
 */
class HeartbeatTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void clientHeartbeatsAreAcknowledged() throws Exception {
        Recorder serverSide = new Recorder();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            long start = System.nanoTime();
            Connection client = connect(server, INTERVAL, clientSide);
            for (long sequence = 0; sequence < 5; sequence++) {
                Heartbeat heartbeat = serverSide.nextReceived(Heartbeat.class);
                assertEquals(sequence, heartbeat.sequence());
                HeartbeatAck ack = clientSide.nextReceived(HeartbeatAck.class);
                assertEquals(heartbeat.ack(), ack);
            }
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 4 * INTERVAL.toMillis(), "one heartbeat per interval: " + elapsedMillis);
            // Acknowledged heartbeats keep the connection: well past three intervals, it is still open.
            assertTrue(client.isOpen());
        }
    }

    @Test
    void aConversationBothWaysNeedsNoHeartbeats() throws Exception {
        Duration interval = Duration.ofMillis(400);
        Recorder serverSide = new Recorder().echo();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = connect(server, interval, clientSide);
            serverSide.nextOpened();
            // Ten intervals of a message every 20 ms, each echoed, as a session's frames and acknowledgements
            long heartbeats = talk(client, 10 * interval.toMillis(), serverSide);
            // Sent every interval they would be 10; a stalled test machine may let one or two through.
            assertTrue(heartbeats <= 2, heartbeats + " heartbeats in ten busy intervals");
            assertTrue(client.isOpen());
            // Quiet again, the client proves itself alive again (echoes still on their way are passed over).
            serverSide.received.clear();
            Message next;
            do {
                next = serverSide.nextReceived();
            } while (next instanceof Status);
            assertInstanceOf(Heartbeat.class, next);
        }
    }

    @Test
    void aClientThatOnlySendsStillSendsHeartbeats() throws Exception {
        // It hears nothing but the answers to its heartbeats, which keep it from giving up on the server.
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = connect(server, INTERVAL, new Recorder());
            serverSide.nextOpened();
            long heartbeats = talk(client, 10 * INTERVAL.toMillis(), serverSide);
            assertTrue(heartbeats >= 4, heartbeats + " heartbeats in ten intervals without an answer");
            assertTrue(client.isOpen(), "the acknowledgements kept it open past three intervals");
        }
    }

    @Test
    void aClientThatOnlyHearsStillSendsHeartbeats() throws Exception {
        // The server, which gives up on a silent client, must hear from it.
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = connect(server, INTERVAL, new Recorder());
            Connection toClient = serverSide.nextOpened();
            long heartbeats = talk(toClient, 10 * INTERVAL.toMillis(), serverSide);
            assertTrue(heartbeats >= 4, heartbeats + " heartbeats in ten intervals of only listening");
            assertTrue(client.isOpen());
        }
    }

    private static Connection connect(TransportServer server, Duration interval, Recorder handler)
            throws IOException {
        return TransportClient.connect(server.address(), PinnedTrust.clientContext(Fixtures.identity().pin()),
                Fixtures.clientSettings(interval), handler);
    }

    /**
     * Sends a message every 20 ms for {@code millis} on either end; returns the heartbeats the server received
     * meanwhile.
     */
    private static long talk(Connection sender, long millis, Recorder serverSide) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofMillis(millis).toNanos();
        while (System.nanoTime() < end) {
            assertTrue(sender.send(new Status(Status.State.ONLINE, "", 0)));
            Thread.sleep(20);
        }
        return serverSide.received.stream().filter(Heartbeat.class::isInstance).count();
    }

    @Test
    void aSilentServerIsGivenUpOnAfterThreeIntervals() throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) Fixtures.identity().serverContext().getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Integer> heartbeatBytes = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                // Finishes the handshake and reads what comes, but never answers.
                int total = 0;
                try (SSLSocket accepted = (SSLSocket) listener.accept()) {
                    accepted.startHandshake();
                    InputStream in = accepted.getInputStream();
                    while (in.read() >= 0) {
                        total++;
                    }
                } catch (IOException endedWithoutCloseNotify) {
                    // The client drops the connection without TLS courtesies.
                } finally {
                    heartbeatBytes.complete(total);
                }
            });
            Recorder clientSide = new Recorder();
            long start = System.nanoTime();
            Connection client = TransportClient.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort()),
                    PinnedTrust.clientContext(Fixtures.identity().pin()), Fixtures.clientSettings(INTERVAL),
                    clientSide);
            clientSide.nextOpened();
            assertEquals("server silent", clientSide.nextClosed());
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 3 * INTERVAL.toMillis() && elapsedMillis < 3000, elapsedMillis + " ms");
            assertTrue(!client.isOpen());
            // The client did send heartbeats (20 bytes each) meanwhile.
            assertTrue(heartbeatBytes.get() >= 2 * 20, heartbeatBytes.get() + " bytes");
        }
    }
}
