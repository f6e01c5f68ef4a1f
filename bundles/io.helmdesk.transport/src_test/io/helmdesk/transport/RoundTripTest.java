package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.message.Authenticated;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.Command;
import io.helmdesk.protocol.message.CommandResult;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Hello;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.PreviewImage;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.protocol.message.Welcome;

/** Messages go both ways over real TLS on loopback, in order, and both sides see the connection open and close. */
class RoundTripTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void messagesTravelBothWaysInOrder() throws Exception {
        Recorder serverSide = new Recorder().echo();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = Fixtures.client(server, clientSide);
            Connection accepted = serverSide.nextOpened();
            assertEquals(client, clientSide.nextOpened());
            assertTrue(client.isOpen());
            assertTrue(accepted.isOpen());
            assertEquals(1, server.connections());
            assertTrue(accepted.id().matches("c-\\d+"), accepted.id());
            assertFalse(accepted.id().equals(client.id()), "ids are unique within the process");
            assertEquals(server.address().getPort(), client.remoteAddress().getPort());

            List<Message> sent = someMessages(new Random(7), 300);
            for (Message message : sent) {
                assertTrue(client.send(message));
            }
            for (Message message : sent) {
                assertEquals(message, serverSide.nextReceived(message.getClass()));
            }
            for (Message message : sent) {
                assertEquals(message, clientSide.nextReceived(message.getClass()));
            }
        }
    }

    @Test
    void connectReturnsOnlyAfterTheHandlerWasToldTheConnectionOpened() throws Exception {
        // A handler slow to take the connection in: a caller that sends the moment connect returns must find it
        // ready (a relay channel dropped such a message when connect returned first).
        Recorder clientSide = new Recorder().onOpened(connection -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), new Recorder())) {
            Connection client = Fixtures.client(server, clientSide);
            assertEquals(client, clientSide.opened.poll(), "connect returned before opened() did");
        }
    }

    @Test
    void messagesFromManyThreadsAllArrive() throws Exception {
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = Fixtures.client(server, new Recorder());
            List<Thread> senders = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                senders.add(Thread.ofPlatform().start(() -> {
                    for (int i = 0; i < 250; i++) {
                        assertTrue(client.send(new Status(Status.State.ONLINE, "t" + thread, i)));
                    }
                }));
            }
            for (Thread sender : senders) {
                sender.join();
            }
            long[] lastPerThread = {-1, -1, -1, -1};
            for (int i = 0; i < 1000; i++) {
                Status status = serverSide.nextReceived(Status.class);
                int thread = status.loggedInUser().charAt(1) - '0';
                assertEquals(lastPerThread[thread] + 1, status.idleSeconds(), "one thread's messages keep their order");
                lastPerThread[thread] = status.idleSeconds();
            }
        }
    }

    @Test
    void theServerAnswersHeartbeatsAndPassesThemOn() throws Exception {
        Recorder serverSide = new Recorder();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = Fixtures.client(server, clientSide);
            client.send(new Heartbeat(41, 12345));
            assertEquals(new Heartbeat(41, 12345), serverSide.nextReceived(Heartbeat.class));
            assertEquals(new HeartbeatAck(41, 12345), clientSide.nextReceived(HeartbeatAck.class));
        }
    }

    @Test
    void theApplicationRaisesTheFrameLimitAfterAuthentication() throws Exception {
        // 100 KB: more than the 64 KiB allowed before authentication.
        PreviewImage large = new PreviewImage(PreviewImage.Format.PNG, 640, 480, new byte[100_000]);
        Recorder serverSide = new Recorder().onReceived((connection, message) -> {
            if (message instanceof Hello) {
                connection.maxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
                connection.send(new Authenticated("device-1", 30));
            }
        });
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = Fixtures.client(server, clientSide);
            client.send(Hello.console("0.1.0", "Linux", "6.8"));
            serverSide.nextReceived(Hello.class);
            clientSide.nextReceived(Authenticated.class);
            client.send(large);
            assertEquals(large, serverSide.nextReceived(PreviewImage.class));
            assertTrue(client.isOpen());
        }
    }

    @Test
    void closingReportsTheReasonOnBothSides() throws Exception {
        Recorder serverSide = new Recorder();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Connection client = Fixtures.client(server, clientSide);
            Connection accepted = serverSide.nextOpened();
            // Queued before the close: still delivered.
            accepted.send(new Welcome(1, 1000, accepted.id()));
            accepted.close("done here");
            assertFalse(accepted.isOpen());
            assertFalse(accepted.send(new Welcome(1, 1000, accepted.id())), "nothing is sent after close");
            assertEquals(new Welcome(1, 1000, accepted.id()), clientSide.nextReceived(Welcome.class));
            assertEquals("done here", serverSide.nextClosed());
            assertEquals("peer closed", clientSide.nextClosed());
            assertFalse(client.isOpen());
            assertFalse(client.send(new Status(Status.State.ONLINE, "", 0)));
        }
    }

    @Test
    void aByeIsPassedOnAndClosesTheConnection() throws Exception {
        Recorder serverSide = new Recorder();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Fixtures.client(server, clientSide);
            Connection accepted = serverSide.nextOpened();
            accepted.send(new Bye(Bye.Reason.DEVICE_REMOVED, "gone"));
            assertEquals(new Bye(Bye.Reason.DEVICE_REMOVED, "gone"), clientSide.nextReceived(Bye.class));
            assertEquals("peer said bye: DEVICE_REMOVED: gone", clientSide.nextClosed());
            serverSide.nextClosed();
        }
    }

    @Test
    void stoppingTheServerClosesEveryConnection() throws Exception {
        Recorder serverSide = new Recorder();
        Recorder clientSide = new Recorder();
        TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide);
        Fixtures.client(server, clientSide);
        Fixtures.client(server, clientSide);
        serverSide.nextOpened();
        serverSide.nextOpened();
        server.close();
        assertEquals("server stopping", serverSide.nextClosed());
        assertEquals("server stopping", serverSide.nextClosed());
        Recorder.next(clientSide.closed, WAIT, "client close");
        Recorder.next(clientSide.closed, WAIT, "client close");
        assertEquals(0, server.connections());
    }

    private static List<Message> someMessages(Random random, int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[1 + random.nextInt(i % 50 == 0 ? 60_000 : 2_000)];
            random.nextBytes(bytes);
            messages.add(switch (i % 5) {
                case 0 -> new Status(Status.State.values()[random.nextInt(Status.State.values().length)], "user" + i,
                        i);
                case 1 -> new Command(i, "list-files", Map.of("path", "/home/" + i));
                case 2 -> new CommandResult(i, random.nextBoolean(), "result " + i, bytes);
                case 3 -> new PreviewImage(PreviewImage.Format.JPEG, 1 + i, 1 + i, bytes);
                default -> Hello.console("0.1." + i, "Linux", "6." + i);
            });
        }
        return messages;
    }
}
