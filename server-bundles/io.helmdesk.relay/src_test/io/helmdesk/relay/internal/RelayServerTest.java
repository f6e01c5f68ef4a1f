package io.helmdesk.relay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.FileChunk;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.relay.api.RelayListener;
import io.helmdesk.relay.api.RelayTickets;
import io.helmdesk.transport.ClientSettings;
import io.helmdesk.transport.Connection;
import io.helmdesk.transport.ConnectionHandler;
import io.helmdesk.transport.PinnedTrust;
import io.helmdesk.transport.TransportClient;

/** The relay on real TLS sockets: pairing by ticket, forwarding both ways, and every refusal. */
class RelayServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path folder;

    private RelayServer relay;
    private final Events events = new Events();

    @BeforeEach
    void start() throws IOException {
        relay = new RelayServer(folder.resolve("relay.p12"), new InetSocketAddress("127.0.0.1", 0), "", Duration
                .ofSeconds(2), 256 * 1024, Duration.ofSeconds(60));
    }

    @AfterEach
    void stop() {
        relay.stop();
    }

    @Test
    void pairsTheTwoSidesAndForwardsBothWays() throws Exception {
        RelayTickets tickets = relay.open("s-1", Duration.ofSeconds(30), events);
        assertNotEquals(tickets.agentTicket(), tickets.consoleTicket());
        assertTrue(tickets.agentTicket().length() >= 43, "256 bits in Base64");
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));
        Client agent = Client.connect(relay);
        agent.send(new RelayJoin(tickets.agentTicket()));
        assertEquals(new RelayPaired("s-1", Role.AGENT), console.next());
        assertEquals(new RelayPaired("s-1", Role.CONSOLE), agent.next());
        assertTrue(events.paired.await(5, TimeUnit.SECONDS));

        console.send(new ChatMessage(1, "Operator", "Hello from the console"));
        assertEquals(new ChatMessage(1, "Operator", "Hello from the console"), agent.next());
        agent.send(new ChatMessage(2, "User", "Hello from the agent"));
        assertEquals(new ChatMessage(2, "User", "Hello from the agent"), console.next());

        agent.close("done");
        assertEquals("closed", console.closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(events.ended.await(5, TimeUnit.SECONDS));
        assertTrue(events.fromAgent.get() > 0 && events.fromConsole.get() > 0, "bytes counted both ways");
    }

    @Test
    void forwardsBulkDataIntactToASlowReader() throws Exception {
        RelayTickets tickets = relay.open("s-bulk", Duration.ofSeconds(30), events);
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));
        Client agent = Client.connect(relay);
        agent.send(new RelayJoin(tickets.agentTicket()));
        console.next();
        agent.next();
        // 24 MiB through a 256 KiB relay buffer: the agent's sends wait for the console, whose reads are slow at first.
        console.slowFirstReads = 20;
        Random random = new Random(7);
        CRC32 sent = new CRC32();
        int chunks = 96;
        Thread sender = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < chunks; i++) {
                byte[] data = new byte[256 * 1024];
                random.nextBytes(data);
                sent.update(data);
                CRC32 crc = new CRC32();
                crc.update(data);
                while (agent.connection.queuedBytes() > 2L * 1024 * 1024) {
                    Thread.onSpinWait();
                }
                assertTrue(agent.connection.send(new FileChunk(1, (long) i * data.length, (int) crc.getValue(), data)));
            }
        });
        CRC32 received = new CRC32();
        for (int i = 0; i < chunks; i++) {
            FileChunk chunk = assertInstanceOf(FileChunk.class, console.next());
            assertEquals((long) i * chunk.data().length, chunk.offset());
            received.update(chunk.data());
        }
        sender.join();
        assertEquals(sent.getValue(), received.getValue());
    }

    @Test
    void aTicketWorksOnce() throws Exception {
        RelayTickets tickets = relay.open("s-2", Duration.ofSeconds(30), events);
        Client first = Client.connect(relay);
        first.send(new RelayJoin(tickets.consoleTicket()));
        Client second = Client.connect(relay);
        second.send(new RelayJoin(tickets.consoleTicket()));
        ErrorMessage refusal = assertInstanceOf(ErrorMessage.class, second.next());
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, refusal.code());
        assertEquals("Unknown, used or expired session ticket", refusal.message());
        assertEquals("closed", second.closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertTrue(first.connection.isOpen(), "the first holder keeps waiting");
    }

    @Test
    void anUnknownTicketIsRefusedAtOnce() throws Exception {
        relay.open("s-3", Duration.ofSeconds(30), events);
        Client stranger = Client.connect(relay);
        stranger.send(new RelayJoin("x".repeat(43)));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, assertInstanceOf(ErrorMessage.class, stranger.next()).code());
        assertEquals("closed", stranger.closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    @Test
    void anythingButAJoinFirstIsRefused() throws Exception {
        Client client = Client.connect(relay);
        client.send(new Status(Status.State.ONLINE, "", 0));
        ErrorMessage refusal = assertInstanceOf(ErrorMessage.class, client.next());
        assertEquals(ErrorCode.UNEXPECTED_MESSAGE, refusal.code());
        assertEquals("The relay expects RelayJoin first, not Status", refusal.message());
    }

    @Test
    void aSidePairedWithNobodyInTimeIsTold() throws Exception {
        RelayTickets tickets = relay.open("s-4", Duration.ofSeconds(1), events);
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));
        Bye farewell = assertInstanceOf(Bye.class, console.next());
        assertEquals(Bye.Reason.SESSION_ENDED, farewell.reason());
        assertEquals("The other side did not join the session in time", farewell.message());
        assertTrue(events.ended.await(5, TimeUnit.SECONDS));
        assertEquals("The other side did not join the session in time", events.reason);
        // The unused agent ticket is gone too.
        Client agent = Client.connect(relay);
        agent.send(new RelayJoin(tickets.agentTicket()));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, assertInstanceOf(ErrorMessage.class, agent.next()).code());
    }

    @Test
    void closingAnUnpairedSessionTellsTheWaitingSideWhy() throws Exception {
        RelayTickets tickets = relay.open("s-7", Duration.ofSeconds(30), events);
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));
        // The join is handled on the relay's thread; wait until it is in before closing.
        Thread.sleep(300);
        relay.close("s-7", "The user refused the session");
        Bye farewell = assertInstanceOf(Bye.class, console.next());
        assertEquals("The user refused the session", farewell.message());
    }

    @Test
    void closingASessionClosesBothSides() throws Exception {
        RelayTickets tickets = relay.open("s-5", Duration.ofSeconds(30), events);
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));
        Client agent = Client.connect(relay);
        agent.send(new RelayJoin(tickets.agentTicket()));
        console.next();
        agent.next();
        relay.close("s-5", "ended by the operator");
        assertEquals("closed", console.closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("closed", agent.closed.poll(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("ended by the operator", events.reason);
        assertThrows(IllegalStateException.class, () -> {
            relay.open("s-6", Duration.ofSeconds(30), events);
            relay.open("s-6", Duration.ofSeconds(30), events);
        });
    }

    @Test
    void anOversizedFrameBeforeJoiningIsRefusedBeforeItIsRead() throws Exception {
        try (SSLSocket socket = (SSLSocket) PinnedTrust.clientContext(relay.endpoint().pin()).getSocketFactory()
                .createSocket("127.0.0.1", relay.endpoint().port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            // A header announcing 1 GiB of RelayJoin.
            out.writeByte(Frame.MARKER);
            out.writeByte(0);
            out.writeShort(0x0140);
            out.writeInt(1 << 30);
            out.flush();
            InputStream in = socket.getInputStream();
            Frame frame = new FrameDecoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD).read(in);
            ErrorMessage refusal = assertInstanceOf(ErrorMessage.class, MessageCodec.decode(frame));
            assertEquals(ErrorCode.FRAME_TOO_LARGE, refusal.code());
            assertEquals(-1, in.read(), "closed after the error");
        }
        byte[] encoded = new FrameEncoder(64).encode(MessageCodec.encode(new RelayJoin("t")));
        assertArrayEquals(new byte[]{(byte) Frame.MARKER, 0, 0x01, 0x40}, java.util.Arrays.copyOf(encoded, 4));
    }

    /** A side of a session, on the same transport client agents and consoles use. */
    private static final class Client implements ConnectionHandler {

        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
        volatile int slowFirstReads;
        Connection connection;

        static Client connect(RelayServer relay) throws IOException {
            Client client = new Client();
            client.connection = TransportClient.connect(new InetSocketAddress("127.0.0.1", relay.endpoint().port()),
                    PinnedTrust.clientContext(relay.endpoint().pin()), ClientSettings.defaults(), client);
            return client;
        }

        void send(Message message) {
            assertTrue(connection.send(message), "sent " + message);
        }

        Message next() throws InterruptedException {
            Message message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(message != null, "a message within " + WAIT);
            return message;
        }

        void close(String reason) {
            connection.close(reason);
        }

        @Override
        public void opened(Connection opened) {
        }

        @Override
        public void received(Connection from, Message message) {
            if (slowFirstReads > 0) {
                slowFirstReads--;
                try {
                    // A slow reader: the network thread of this side stalls, so the relay's queue for it fills.
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            received.add(message);
        }

        @Override
        public void closed(Connection from, String reason) {
            closed.add("closed");
        }
    }

    private static final class Events implements RelayListener {

        final CountDownLatch paired = new CountDownLatch(1);
        final CountDownLatch ended = new CountDownLatch(1);
        final AtomicLong fromAgent = new AtomicLong();
        final AtomicLong fromConsole = new AtomicLong();
        volatile String reason;

        @Override
        public void paired(String sessionId) {
            paired.countDown();
        }

        @Override
        public void ended(String sessionId, String why, long bytesFromAgent, long bytesFromConsole) {
            reason = why;
            fromAgent.set(bytesFromAgent);
            fromConsole.set(bytesFromConsole);
            ended.countDown();
        }
    }
}
