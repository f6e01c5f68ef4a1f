package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;

/**
 * Peers that do not speak the protocol, say too much, or say nothing: each gets an error (where it speaks TLS) and is
 * closed, and the application sees no message from it.
 */
class BadPeerTest {

    @Test
    void garbageGetsAnErrorAndTheConnectionIsClosed() throws Exception {
        ErrorMessage error = errorAfterSending("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                "protocol error: Not a Helmdesk frame: first byte 0x47, expected 0xd1 or 0xd2");
        assertEquals(ErrorCode.PROTOCOL_VIOLATION, error.code());
    }

    @Test
    void anUnknownMessageTypeGetsAnErrorAndTheConnectionIsClosed() throws Exception {
        byte[] unknown = {(byte) 0xd2, 0x77, 0x77, 0};
        ErrorMessage error = errorAfterSending(unknown, "protocol error: Unknown message type 0x7777");
        assertEquals(ErrorCode.UNKNOWN_MESSAGE_TYPE, error.code());
    }

    @Test
    void aFrameAnnouncing100MegabytesBeforeAuthenticationIsRefusedAfterItsHeader() throws Exception {
        // Only the 8 header bytes are sent: the refusal must not wait for (or allocate) the payload.
        byte[] header = {(byte) 0xd1, 0, 0x01, 0x21, 0x05, (byte) 0xf5, (byte) 0xe1, 0x00};
        ErrorMessage error = errorAfterSending(header,
                "protocol error: Frame of 100000000 bytes exceeds the 65536-byte limit");
        assertEquals(ErrorCode.FRAME_TOO_LARGE, error.code());
    }

    @Test
    void aFrameOneByteOverThePreAuthenticationLimitIsRefused() throws Exception {
        int length = Frame.PRE_AUTHENTICATION_MAX_PAYLOAD + 1;
        byte[] header = {(byte) 0xd1, 0, 0x01, 0x21, (byte) (length >>> 24), (byte) (length >>> 16),
                (byte) (length >>> 8), (byte) length};
        ErrorMessage error = errorAfterSending(header,
                "protocol error: Frame of 65537 bytes exceeds the 65536-byte limit");
        assertEquals(ErrorCode.FRAME_TOO_LARGE, error.code());
    }

    @Test
    void aMalformedPayloadGetsAnErrorAndTheConnectionIsClosed() throws Exception {
        // A heartbeat whose payload is 3 bytes instead of 16.
        byte[] truncated = {(byte) 0xd1, 0, 0x01, 0x10, 0, 0, 0, 3, 1, 2, 3};
        ErrorMessage error = errorAfterSending(truncated,
                "protocol error: Truncated field 'sequence': needs 8 bytes, 3 left");
        assertEquals(ErrorCode.PROTOCOL_VIOLATION, error.code());
    }

    @Test
    void framesArrivingOneByteAtATimeAreReassembled() throws Exception {
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide);
                SSLSocket socket = Fixtures.rawTls(server)) {
            assertEquals("TLSv1.3", socket.getSession().getProtocol());
            FrameEncoder encoder = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);
            ByteArrayOutputStream both = new ByteArrayOutputStream();
            both.writeBytes(encoder.encode(MessageCodec.encode(new Heartbeat(1, 10))));
            both.writeBytes(encoder.encode(MessageCodec.encode(new Heartbeat(2, 20))));
            byte[] frames = both.toByteArray();
            OutputStream out = socket.getOutputStream();
            for (byte b : frames) {
                // One TLS record per byte.
                out.write(b);
                out.flush();
            }
            InputStream in = socket.getInputStream();
            assertEquals(new HeartbeatAck(1, 10), Fixtures.read(in));
            assertEquals(new HeartbeatAck(2, 20), Fixtures.read(in));
            assertEquals(new Heartbeat(1, 10), serverSide.nextReceived(Heartbeat.class));
            assertEquals(new Heartbeat(2, 20), serverSide.nextReceived(Heartbeat.class));
        }
    }

    @Test
    void aTls12ClientIsAccepted() throws Exception {
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide);
                SSLSocket tls12 = Fixtures.rawTls(server, "TLSv1.2")) {
            assertEquals("TLSv1.2", tls12.getSession().getProtocol());
            serverSide.nextOpened();
        }
    }

    @Test
    void aPlainTcpPeerThatSaysNothingIsDroppedByTheHandshakeTimeout() throws Exception {
        ServerSettings settings = new ServerSettings(Fixtures.loopback(0), Duration.ofMillis(300),
                Duration.ofSeconds(30), Frame.PRE_AUTHENTICATION_MAX_PAYLOAD, 1 << 20, 1);
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(settings, serverSide);
                Socket socket = new Socket(server.address().getAddress(), server.address().getPort())) {
            socket.setSoTimeout(5000);
            long start = System.nanoTime();
            assertTrue(Fixtures.closedByPeer(socket.getInputStream()), "the server closed the connection");
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 250 && elapsedMillis < 2000, elapsedMillis + " ms");
            assertTrue(serverSide.opened.isEmpty());
            assertTrue(serverSide.closed.isEmpty(), "never opened, so never reported closed");
        }
    }

    @Test
    void aSilentTlsPeerIsClosedByTheReadIdleTimeout() throws Exception {
        ServerSettings settings = new ServerSettings(Fixtures.loopback(0), Duration.ofSeconds(5),
                Duration.ofMillis(400), Frame.PRE_AUTHENTICATION_MAX_PAYLOAD, 1 << 20, 1);
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(settings, serverSide);
                SSLSocket silent = Fixtures.rawTls(server);
                SSLSocket talking = Fixtures.rawTls(server)) {
            serverSide.nextOpened();
            serverSide.nextOpened();
            long start = System.nanoTime();
            OutputStream out = talking.getOutputStream();
            FrameEncoder encoder = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);
            // One peer sends a heartbeat every 100 ms and stays; the other says nothing and is closed.
            for (int i = 0; i < 10; i++) {
                encoder.write(MessageCodec.encode(new Heartbeat(i, i)), out);
                out.flush();
                Thread.sleep(100);
            }
            assertEquals("read idle timeout", serverSide.nextClosed());
            assertTrue(Fixtures.closedByPeer(silent.getInputStream()));
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 400, elapsedMillis + " ms");
            InputStream in = talking.getInputStream();
            for (int i = 0; i < 10; i++) {
                assertEquals(new HeartbeatAck(i, i), Fixtures.read(in));
            }
            assertEquals(1, server.connections(), "the peer that talks stays connected");
        }
    }

    private static ErrorMessage errorAfterSending(byte[] bytes, String expectedReason) throws Exception {
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide);
                SSLSocket socket = Fixtures.rawTls(server)) {
            serverSide.nextOpened();
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            Message answer = Fixtures.read(in);
            ErrorMessage error = assertInstanceOf(ErrorMessage.class, answer);
            assertEquals(expectedReason, "protocol error: " + error.message());
            assertTrue(Fixtures.closedByPeer(in), "the server closed the connection after the error");
            assertEquals(expectedReason, serverSide.nextClosed());
            assertTrue(serverSide.received.isEmpty(), "the application received nothing");
            return error;
        }
    }
}
