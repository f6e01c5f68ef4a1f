package io.helmdesk.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.transport.socket.nio.NioSocketAcceptor;
import org.junit.jupiter.api.Test;

import io.helmdesk.transport.EndToEndIdentity;

/**
 * Bytes that arrive in the same read as the end of a handshake are delivered at once, not when the next read comes.
 * A TLS 1.3 client may send application data right behind its Finished; an end-to-end TLS server asks for the client's
 * certificate, whose check the JDK hands out as a delegated task, so the rest of that read is decrypted after the task.
 */
class HandshakeTailTest {

    @Test
    void dataRightBehindTheClientsFinishedReachesTheServerAtOnce() throws Exception {
        EndToEndIdentity serverIdentity = EndToEndIdentity.create();
        EndToEndIdentity clientIdentity = EndToEndIdentity.create();
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        NioSocketAcceptor acceptor = new NioSocketAcceptor(1);
        acceptor.getFilterChain().addLast("tls",
                TlsFilter.endToEnd(serverIdentity.context(clientIdentity.pin()), true));
        acceptor.setHandler(new IoHandlerAdapter() {

            @Override
            public void messageReceived(IoSession session, Object message) {
                IoBuffer bytes = (IoBuffer) message;
                received.add(StandardCharsets.UTF_8.decode(bytes.buf()).toString());
            }
        });
        acceptor.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        try (SocketChannel channel = SocketChannel.open(acceptor.getLocalAddress())) {
            SSLEngine client = clientIdentity.context(serverIdentity.pin()).createSSLEngine();
            client.setUseClientMode(true);
            ByteBuffer lastFlight = handshake(client, channel);

            // The client's last handshake flight and its first message leave in one write.
            ByteBuffer hello = ByteBuffer.wrap("hello from the client".getBytes(StandardCharsets.UTF_8));
            assertEquals(SSLEngineResult.Status.OK, client.wrap(hello, lastFlight).getStatus());
            lastFlight.flip();
            while (lastFlight.hasRemaining()) {
                channel.write(lastFlight);
            }

            StringBuilder got = new StringBuilder();
            while (got.length() < "hello from the client".length()) {
                String part = received.poll(5, TimeUnit.SECONDS);
                assertNotNull(part, "the server did not pass on the message that came with the handshake's end; got '"
                        + got + "'");
                got.append(part);
            }
            assertEquals("hello from the client", got.toString());
        } finally {
            acceptor.dispose(true);
        }
    }

    /**
     * Runs the client's side of the handshake over a blocking channel until the engine wrote its last flight, which it
     * returns unsent (in write mode).
     */
    private static ByteBuffer handshake(SSLEngine engine, SocketChannel channel) throws IOException {
        int packet = engine.getSession().getPacketBufferSize();
        ByteBuffer out = ByteBuffer.allocate(4 * packet);
        ByteBuffer in = ByteBuffer.allocate(4 * packet);
        ByteBuffer plain = ByteBuffer.allocate(engine.getSession().getApplicationBufferSize());
        ByteBuffer none = ByteBuffer.allocate(0);
        engine.beginHandshake();
        while (true) {
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_WRAP -> {
                    SSLEngineResult result = engine.wrap(none, out);
                    if (result.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        return out;
                    }
                }
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    flush(out, channel);
                    SSLEngineResult result = engine.unwrap(in.flip(), plain);
                    in.compact();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW
                            && channel.read(in) < 0) {
                        throw new IOException("the server closed during the handshake");
                    }
                }
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                default -> throw new IOException("the handshake ended before the client's last flight: " + status);
            }
        }
    }

    private static void flush(ByteBuffer out, SocketChannel channel) throws IOException {
        out.flip();
        while (out.hasRemaining()) {
            channel.write(out);
        }
        out.clear();
    }
}
