package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/** The client proves it is alive every interval, and gives up on a server that says nothing for three. */
class HeartbeatTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);

    @Test
    void clientHeartbeatsAreAcknowledged() throws Exception {
        Recorder serverSide = new Recorder();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            long start = System.nanoTime();
            Connection client = TransportClient.connect(server.address(),
                    PinnedTrust.clientContext(Fixtures.identity().pin()), Fixtures.clientSettings(INTERVAL),
                    clientSide);
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
            // The client did send heartbeats (24 bytes each) meanwhile.
            assertTrue(heartbeatBytes.get() >= 2 * 24, heartbeatBytes.get() + " bytes");
        }
    }
}
