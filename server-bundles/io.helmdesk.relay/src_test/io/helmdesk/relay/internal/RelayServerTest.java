package io.helmdesk.relay.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.relay.api.RelayListener;
import io.helmdesk.relay.api.RelayTickets;

/**
 * The relay on real sockets, as the ends meet it: tickets in the clear, pairing, then bytes forwarded both ways
 * untouched (the ends' TLS, here plain frames and raw bytes), back-pressure on a slow reader, and every refusal.
 */
class RelayServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RelayServer relay;
    private final Events events = new Events();

    @BeforeEach
    void start() throws IOException {
        relay = new RelayServer(new InetSocketAddress("127.0.0.1", 0), "", Duration
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

        agent.close();
        console.awaitClosed();
        assertTrue(events.ended.await(5, TimeUnit.SECONDS));
        assertTrue(events.fromAgent.get() > 0 && events.fromConsole.get() > 0, "bytes counted both ways");
    }

    @Test
    void aHeartbeatCutAcrossTwoReadsIsAnsweredBeforeThePairingAndNotForwarded() throws Exception {
        RelayTickets tickets = relay.open("s-cut", Duration.ofSeconds(30), events);
        Client agent = Client.connect(relay);
        agent.send(new RelayJoin(tickets.agentTicket()));
        agent.assertStillOpen();
        byte[] heartbeat = new FrameEncoder(64).encode(MessageCodec.encode(new Heartbeat(7, 99)));
        agent.out.write(heartbeat, 0, 5);
        agent.out.flush();
        Thread.sleep(200); // the relay reads the first part on its own
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));
        console.assertStillOpen(); // no pairing while the agent is inside a frame for the relay

        agent.out.write(heartbeat, 5, heartbeat.length - 5);
        agent.out.flush();
        assertEquals(new HeartbeatAck(7, 99), agent.next());
        assertEquals(new RelayPaired("s-cut", Role.CONSOLE), agent.next());
        assertEquals(new RelayPaired("s-cut", Role.AGENT), console.next());
        agent.send(new ChatMessage(1, "User", "after the heartbeat"));
        assertEquals(new ChatMessage(1, "User", "after the heartbeat"), console.next(),
                "the heartbeat was the relay's, not forwarded");
    }

    @Test
    void whatASideSentBeforeClosingArrivesWhileTheOtherSideStillSends() throws Exception {
        RelayTickets tickets = relay.open("s-tail", Duration.ofSeconds(30), events);
        Pair pair = pair(tickets);
        Client console = pair.console();
        Client agent = pair.agent();
        // The console keeps talking (as a viewer acknowledges frames): the relay holds its unread bytes when the agent
        // leaves, and closing a socket with unread input resets it, which would drop what is still on its way.
        Thread talker = Thread.ofPlatform().daemon().start(() -> {
            byte[] chatter = new byte[1024];
            try {
                while (true) {
                    console.out.write(chatter);
                }
            } catch (IOException closed) {
                // done
            }
        });
        // The agent reads what comes (so its own close is clean) and ends its sending half after its last bytes.
        Thread agentReader = Thread.ofPlatform().daemon().start(() -> {
            try {
                agent.in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // done
            }
        });
        byte[] last = new byte[4 * 1024 * 1024];
        new Random(11).nextBytes(last);
        agent.out.write(last);
        agent.out.flush();
        agent.socket.shutdownOutput();
        Thread.sleep(500); // the console reads late: the tail waits in the relay and in the sockets

        CRC32 expected = new CRC32();
        expected.update(last);
        CRC32 received = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = console.in.read(buffer)) >= 0) {
            received.update(buffer, 0, read);
            total += read;
        }
        assertEquals(last.length, total, "every byte the agent sent before closing, then the end of the stream");
        assertEquals(expected.getValue(), received.getValue());
        agentReader.join(5000);
        console.close();
        agent.close();
        talker.join(5000);
    }

    @Test
    void twoSidesThatJoinedButCannotPairEndWhenTheTicketsExpire() throws Exception {
        RelayTickets tickets = relay.open("s-stuck", Duration.ofSeconds(1), events);
        Client agent = Client.connect(relay);
        agent.send(new RelayJoin(tickets.agentTicket()));
        agent.out.write(Frame.MARKER); // the start of a frame that never comes: the agent can never be paired
        agent.out.flush();
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));

        for (Client side : new Client[]{console, agent}) {
            Bye bye = assertInstanceOf(Bye.class, side.next());
            assertEquals("The other side did not join the session in time", bye.message());
            side.awaitClosed();
        }
        assertTrue(events.ended.await(5, TimeUnit.SECONDS));
    }

    @Test
    void forwardsBulkBytesIntactToASlowReader() throws Exception {
        RelayTickets tickets = relay.open("s-bulk", Duration.ofSeconds(30), events);
        Pair pair = pair(tickets);
        Client console = pair.console();
        Client agent = pair.agent();
        // 24 MiB through a 256 KiB relay buffer, whatever the bytes are: the agent's writes wait for the console,
        // whose reads are slow at first.
        int chunks = 96;
        CRC32 sent = new CRC32();
        Thread sender = Thread.ofPlatform().start(() -> {
            Random random = new Random(7);
            try {
                for (int i = 0; i < chunks; i++) {
                    byte[] data = new byte[256 * 1024];
                    random.nextBytes(data);
                    sent.update(data);
                    agent.out.write(data);
                }
                agent.out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        CRC32 received = new CRC32();
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int reads = 0;
        while (total < chunks * 256L * 1024) {
            if (reads++ < 20) {
                Thread.sleep(50);
            }
            int read = console.in.read(buffer, 0, (int) Math.min(buffer.length, chunks * 256L * 1024 - total));
            assertTrue(read > 0, "the stream ended after " + total + " bytes");
            received.update(buffer, 0, read);
            total += read;
        }
        sender.join();
        assertEquals(sent.getValue(), received.getValue());
    }

    @Test
    void aTicketWorksOnce() throws Exception {
        RelayTickets tickets = relay.open("s-2", Duration.ofSeconds(30), events);
        Client first = Client.connect(relay);
        first.send(new RelayJoin(tickets.consoleTicket()));
        // Each connection has its own network thread: the first join is in once the first side hears nothing back.
        first.assertStillOpen();
        Client second = Client.connect(relay);
        second.send(new RelayJoin(tickets.consoleTicket()));
        ErrorMessage refusal = assertInstanceOf(ErrorMessage.class, second.next());
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, refusal.code());
        assertEquals("Unknown, used or expired session ticket", refusal.message());
        second.awaitClosed();
        first.assertStillOpen();
    }

    @Test
    void anUnknownTicketIsRefusedAtOnce() throws Exception {
        relay.open("s-3", Duration.ofSeconds(30), events);
        Client stranger = Client.connect(relay);
        stranger.send(new RelayJoin("x".repeat(43)));
        assertEquals(ErrorCode.AUTHENTICATION_FAILED, assertInstanceOf(ErrorMessage.class, stranger.next()).code());
        stranger.awaitClosed();
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
    void aWaitingSideIsNotIdleButASilentPairIs() throws Exception {
        RelayServer quick = new RelayServer(new InetSocketAddress("127.0.0.1", 0), "", Duration.ofSeconds(2),
                256 * 1024, Duration.ofSeconds(1));
        try {
            RelayTickets tickets = quick.open("s-idle", Duration.ofSeconds(30), events);
            Client console = Client.connect(quick);
            console.send(new RelayJoin(tickets.consoleTicket()));
            // The other end's user is asked meanwhile: a waiting side says nothing, and stays.
            Thread.sleep(2500);
            console.assertStillOpen();
            Client agent = Client.connect(quick);
            agent.send(new RelayJoin(tickets.agentTicket()));
            console.next();
            agent.next();
            // Paired ends send heartbeats; a pair silent for the idle time is gone.
            console.awaitClosed();
            agent.awaitClosed();
        } finally {
            quick.stop();
        }
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
        Pair pair = pair(tickets);
        Client console = pair.console();
        Client agent = pair.agent();
        relay.close("s-5", "ended by the operator");
        console.awaitClosed();
        agent.awaitClosed();
        assertTrue(events.ended.await(5, TimeUnit.SECONDS), "the listener is told (on the relay's event thread)");
        assertEquals("ended by the operator", events.reason);
        assertThrows(IllegalStateException.class, () -> {
            relay.open("s-6", Duration.ofSeconds(30), events);
            relay.open("s-6", Duration.ofSeconds(30), events);
        });
    }

    @Test
    void anOversizedFrameBeforeJoiningIsRefusedBeforeItIsRead() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", relay.endpoint().port())) {
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
        // The RelayJoin the header above announces, as the encoder writes a small one: the short header
        assertArrayEquals(new byte[]{(byte) Frame.SHORT_MARKER, 0x01, 0x40, 5}, java.util.Arrays.copyOf(encoded, 4));
    }

    /** The two sides of a session, paired (each has read its RelayPaired). */
    private record Pair(Client console, Client agent) {
    }

    /** The console joins, then the agent; both read what the relay says when they are paired. */
    private Pair pair(RelayTickets tickets) throws IOException {
        Client console = Client.connect(relay);
        console.send(new RelayJoin(tickets.consoleTicket()));
        Client agent = Client.connect(relay);
        agent.send(new RelayJoin(tickets.agentTicket()));
        console.next();
        agent.next();
        return new Pair(console, agent);
    }

    /** A side of a session on a plain socket: frames in the clear before pairing, whatever it likes after. */
    private static final class Client implements AutoCloseable {

        private static final FrameEncoder ENCODER = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);

        final Socket socket;
        final InputStream in;
        final OutputStream out;

        private Client(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        static Client connect(RelayServer relay) throws IOException {
            Socket socket = new Socket("127.0.0.1", relay.endpoint().port());
            socket.setSoTimeout((int) WAIT.toMillis());
            return new Client(socket);
        }

        void send(Message message) throws IOException {
            out.write(ENCODER.encode(MessageCodec.encode(message)));
            out.flush();
        }

        Message next() throws IOException {
            Frame frame = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD).read(in);
            assertNotNull(frame, "a frame, not the end of the stream");
            return MessageCodec.decode(frame);
        }

        /** The relay closed this side's connection (nothing more comes). */
        void awaitClosed() throws IOException {
            try {
                assertEquals(-1, in.read(), "the relay closed the connection");
            } catch (SocketException reset) {
                // closed as well
            }
        }

        void assertStillOpen() throws IOException {
            socket.setSoTimeout(300);
            assertThrows(SocketTimeoutException.class, in::read, "nothing comes, and the connection stays");
            socket.setSoTimeout((int) WAIT.toMillis());
        }

        @Override
        public void close() throws IOException {
            socket.close();
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
