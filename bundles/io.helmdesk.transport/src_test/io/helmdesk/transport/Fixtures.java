package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLSocket;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;

/** What the transport tests share: one server identity, loopback settings with short timeouts, a raw TLS client. */
final class Fixtures {

    private static ServerIdentity identity;

    private Fixtures() {
    }

    /** One identity for all tests of a run (making one is fast, but there is no need for many). */
    static synchronized ServerIdentity identity() {
        if (identity == null) {
            try {
                Path folder = Files.createTempDirectory("helmdesk-transport-test");
                Path file = folder.resolve("server.p12");
                // Deleted in the reverse order: the file, then its folder.
                folder.toFile().deleteOnExit();
                file.toFile().deleteOnExit();
                identity = ServerIdentity.loadOrCreate(file, List.of("localhost", "127.0.0.1"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return identity;
    }

    static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /** Loopback, any port, generous timeouts: tests that need short ones say so. */
    static ServerSettings serverSettings() {
        return new ServerSettings(loopback(0), Duration.ofSeconds(5), Duration.ofSeconds(30),
                Frame.PRE_AUTHENTICATION_MAX_PAYLOAD, 4L * 1024 * 1024, 2);
    }

    static TransportServer server(ServerSettings settings, ConnectionHandler handler) throws IOException {
        return TransportServer.start(settings, identity().serverContext(), handler);
    }

    static ClientSettings clientSettings(Duration heartbeatInterval) {
        return new ClientSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), heartbeatInterval,
                Frame.DEFAULT_MAX_PAYLOAD, 4L * 1024 * 1024);
    }

    static Connection client(TransportServer server, ConnectionHandler handler) throws IOException {
        return TransportClient.connect(server.address(), PinnedTrust.clientContext(identity().pin()),
                clientSettings(Duration.ofSeconds(30)), handler);
    }

    /** A plain JDK TLS socket that trusts the test identity and has finished its handshake. */
    static SSLSocket rawTls(TransportServer server, String... protocols) throws IOException {
        SSLSocket socket = (SSLSocket) PinnedTrust.clientContext(identity().pin()).getSocketFactory()
                .createSocket(server.address().getAddress(), server.address().getPort());
        try {
            if (protocols.length > 0) {
                socket.setEnabledProtocols(protocols);
            }
            socket.setSoTimeout(5000);
            socket.startHandshake();
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Reads one message from a blocking stream. */
    static Message read(InputStream in) throws IOException {
        Frame frame = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD).read(in);
        assertTrue(frame != null, "the stream ended before a message");
        return MessageCodec.decode(frame);
    }

    /** Whether the peer closed the stream: end of stream, or a reset, within the socket's read timeout. */
    static boolean closedByPeer(InputStream in) {
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
