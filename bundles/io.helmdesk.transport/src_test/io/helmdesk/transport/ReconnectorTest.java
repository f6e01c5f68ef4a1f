package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.Bye;

/** One connection kept up across a server restart, until stopped. */
class ReconnectorTest {

    private static final Backoff FAST = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200));

    @Test
    void reconnectsAfterTheServerRestartsAndStopsWhenStopped() throws Exception {
        Recorder serverSide = new Recorder();
        TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide);
        int port = server.address().getPort();
        ServerSettings samePort = new ServerSettings(Fixtures.loopback(port), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 65536, 1 << 20, 1);
        Recorder clientSide = new Recorder();
        Reconnector reconnector = new Reconnector(() -> Fixtures.loopback(port),
                PinnedTrust.clientContext(Fixtures.identity().pin()), Fixtures.clientSettings(Duration.ofSeconds(30)),
                FAST, clientSide);
        try {
            reconnector.start();
            Connection first = clientSide.nextOpened();
            serverSide.nextOpened();
            assertEquals(first, reconnector.current().orElseThrow());
            assertEquals(0, reconnector.attempts());

            server.close();
            Recorder.next(clientSide.closed, Duration.ofSeconds(5), "close of the first connection");
            // Nobody listens: attempts fail and are counted.
            waitUntil(() -> reconnector.attempts() >= 2, "failed attempts while the server is down");
            assertTrue(reconnector.current().isEmpty());

            server = Fixtures.server(samePort, serverSide);
            Connection second = clientSide.nextOpened();
            serverSide.nextOpened();
            assertTrue(second != first && second.isOpen());
            assertEquals(0, reconnector.attempts(), "a success resets the count");

            reconnector.stop();
            assertEquals("stopped", Recorder.next(clientSide.closed, Duration.ofSeconds(5), "stopped connection"));
            serverSide.nextClosed();
            assertTrue(clientSide.opened.poll(600, TimeUnit.MILLISECONDS) == null, "no attempt after stop()");
            assertEquals(0, server.connections());
            assertThrows(IllegalStateException.class, reconnector::start);
        } finally {
            reconnector.close();
            server.close();
        }
    }

    @Test
    void aByeFromTheServerCanEndReconnecting() throws Exception {
        Recorder serverSide = new Recorder().onOpened(connection -> connection
                .send(new Bye(Bye.Reason.DEVICE_REMOVED, "This computer was removed")));
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Reconnector[] holder = new Reconnector[1];
            Recorder clientSide = new Recorder().onReceived((connection, message) -> {
                if (message instanceof Bye bye && !bye.reason().reconnect()) {
                    holder[0].stop();
                }
            });
            holder[0] = new Reconnector(server::address, PinnedTrust.clientContext(Fixtures.identity().pin()),
                    Fixtures.clientSettings(Duration.ofSeconds(30)), FAST, clientSide);
            holder[0].start();
            clientSide.nextOpened();
            clientSide.nextClosed();
            assertTrue(clientSide.opened.poll(600, TimeUnit.MILLISECONDS) == null, "no attempt after the bye");
            assertEquals(1, serverSide.opened.size());
        }
    }

    private static void waitUntil(BooleanSupplier condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(10);
        }
    }
}
