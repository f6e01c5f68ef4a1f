package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.CommandResult;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.PreviewImage;
import io.helmdesk.protocol.message.Status;

/**
 * The server's stream handling on plain NIO: TLS records cut at any byte by the network are put together again, and
 * stopping does not wait beyond its grace period for a peer that reads nothing.
 */
class GatewayStreamTest {

    @Test
    void tlsRecordsCutAnywhereByTheNetworkArePutTogether() throws Exception {
        Recorder serverSide = new Recorder().echo();
        Recorder clientSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide);
                CuttingProxy proxy = new CuttingProxy(server.address(), new Random(11))) {
            Connection client = TransportClient.connect(proxy.address(),
                    PinnedTrust.clientContext(Fixtures.identity().pin()),
                    Fixtures.clientSettings(Duration.ofSeconds(30)),
                    clientSide);
            Random random = new Random(5);
            for (int i = 0; i < 40; i++) {
                byte[] bytes = new byte[1 + random.nextInt(i % 10 == 0 ? 40_000 : 3_000)];
                random.nextBytes(bytes);
                CommandResult result = new CommandResult(i, true, "part " + i, bytes);
                assertTrue(client.send(result));
                assertEquals(result, serverSide.nextReceived(CommandResult.class));
                assertEquals(result, clientSide.nextReceived(CommandResult.class));
            }
            client.send(new Heartbeat(3, 4));
            assertEquals(new HeartbeatAck(3, 4), clientSide.nextReceived(HeartbeatAck.class));
            assertTrue(proxy.pieces > 1000, "the stream went in small pieces: " + proxy.pieces);
        }
    }

    @Test
    void stoppingDoesNotWaitLongerThanTheGraceForAPeerThatReadsNothing() throws Exception {
        Recorder serverSide = new Recorder();
        TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide);
        try (SSLSocket neverReads = Fixtures.rawTls(server)) {
            Connection accepted = serverSide.nextOpened();
            PreviewImage preview = new PreviewImage(PreviewImage.Format.JPEG, 320, 200, new byte[30_000]);
            // Until the socket buffers are full and 2 MB wait, half of what the connection may queue.
            int sent = 0;
            while (accepted.queuedBytes() < 2_000_000) {
                assertTrue(accepted.send(preview), "refused after " + sent);
                sent++;
                Thread.sleep(sent % 20 == 0 ? 5 : 0);
            }
            long start = System.nanoTime();
            server.close();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(millis >= 1500 && millis < 4000, "closed after the 2 s grace: " + millis + " ms");
            assertEquals("server stopping", serverSide.nextClosed());
            assertEquals(0, server.connections());
            assertEquals(0, accepted.queuedBytes());
        }
    }

    @Test
    void aConnectionClosedFromInsideACallbackIsReportedClosedAfterTheCallback() throws Exception {
        AtomicBoolean inReceived = new AtomicBoolean();
        CompletableFuture<Boolean> closedInsideReceived = new CompletableFuture<>();
        CompletableFuture<String> reason = new CompletableFuture<>();
        PreviewImage preview = new PreviewImage(PreviewImage.Format.JPEG, 320, 200, new byte[30_000]);
        ConnectionHandler sendsUntilRefused = new ConnectionHandler() {

            @Override
            public void opened(Connection connection) {
            }

            @Override
            public void received(Connection connection, Message message) {
                inReceived.set(true);
                try {
                    // The peer reads nothing: the queue fills and the send that finds it full closes the connection.
                    while (connection.send(preview)) {
                        Thread.onSpinWait();
                    }
                } finally {
                    inReceived.set(false);
                }
            }

            @Override
            public void closed(Connection connection, String why) {
                closedInsideReceived.complete(inReceived.get());
                reason.complete(why);
            }
        };
        ServerSettings settings = new ServerSettings(Fixtures.loopback(0), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Frame.PRE_AUTHENTICATION_MAX_PAYLOAD, 1 << 20, 1);
        try (TransportServer server = Fixtures.server(settings, sendsUntilRefused);
                SSLSocket neverReads = Fixtures.rawTls(server)) {
            OutputStream out = neverReads.getOutputStream();
            new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD).write(
                    MessageCodec.encode(new Status(Status.State.ONLINE, "", 0)),
                    out);
            out.flush();
            assertFalse(closedInsideReceived.get(10, TimeUnit.SECONDS), "closed() ran inside received()");
            assertEquals("slow peer", reason.get());
        }
    }

    /** Forwards both ways on loopback, the client's bytes in pieces of 1 to 40 bytes, each written on its own. */
    private static final class CuttingProxy implements AutoCloseable {

        private final ServerSocket listener = new ServerSocket(0, 1, Fixtures.loopback(0).getAddress());
        private final InetSocketAddress target;
        private final Random random;
        private volatile Socket toClient;
        private volatile Socket toServer;
        volatile int pieces;

        CuttingProxy(InetSocketAddress target, Random random) throws IOException {
            this.target = target;
            this.random = random;
            Thread.ofPlatform().daemon().start(this::serve);
        }

        InetSocketAddress address() {
            return Fixtures.loopback(listener.getLocalPort());
        }

        private void serve() {
            try {
                toClient = listener.accept();
                toServer = new Socket(target.getAddress(), target.getPort());
                toClient.setTcpNoDelay(true);
                toServer.setTcpNoDelay(true);
                InputStream fromServer = toServer.getInputStream();
                Thread.ofPlatform().daemon().start(() -> copy(fromServer, toClient, false));
                copy(toClient.getInputStream(), toServer, true);
            } catch (IOException e) {
                // the test ended
            }
        }

        private void copy(InputStream in, Socket to, boolean cut) {
            byte[] buffer = new byte[16384];
            try (OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (!cut) {
                        out.write(buffer, 0, read);
                        continue;
                    }
                    for (int offset = 0; offset < read;) {
                        int piece = Math.min(read - offset, 1 + random.nextInt(40));
                        out.write(buffer, offset, piece);
                        out.flush();
                        offset += piece;
                        pieces++;
                        if (pieces % 64 == 0) {
                            Thread.sleep(1); // lets the server read between pieces
                        }
                    }
                }
            } catch (IOException | InterruptedException e) {
                // either side closed
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
            for (Socket socket : new Socket[]{toClient, toServer}) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
    }
}
