package io.helmdesk.bench.relay;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.transport.PinnedTrust;

/**
 * One side's relay connection, as {@code io.helmdesk.session.RelayChannel} opens it but with the bytes left to the
 * caller: TLS with the relay's pinned certificate ({@link PinnedTrust#clientContext}), {@code RelayJoin(ticket)} as the
 * first frame, then {@code RelayPaired}; from then on the relay forwards raw bytes, which {@link Pipe} copies.
 */
final class RelayJoiner {

    /** The relay sends nothing bigger than a sentence before pairing. */
    private static final int PAIRING_MAX_PAYLOAD = 8 * 1024;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final FrameEncoder ENCODER = new FrameEncoder(PAIRING_MAX_PAYLOAD);
    private static final Map<String, SSLContext> CONTEXTS = new ConcurrentHashMap<>();

    private RelayJoiner() {
    }

    /** Connects, finishes TLS and presents the ticket; {@link #awaitPaired} then waits for the other side. */
    static SSLSocket join(String host, int port, String pin, String ticket) throws IOException {
        SSLContext context = CONTEXTS.computeIfAbsent(pin, PinnedTrust::clientContext);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            socket.getOutputStream().write(ENCODER.encode(MessageCodec.encode(new RelayJoin(ticket))));
            return socket;
        } catch (IOException | RuntimeException e) {
            Pipe.close(socket);
            throw e;
        }
    }

    /** Reads up to and including {@code RelayPaired}, never beyond it (the peer's bytes follow). */
    static RelayPaired awaitPaired(SSLSocket socket) throws IOException {
        FrameDecoder decoder = new FrameDecoder(PAIRING_MAX_PAYLOAD);
        InputStream in = socket.getInputStream();
        while (true) {
            Frame frame = decoder.read(in);
            if (frame == null) {
                throw new EOFException("The relay closed the connection before pairing");
            }
            Message message = MessageCodec.decode(frame);
            switch (message) {
                case RelayPaired paired -> {
                    socket.setSoTimeout(0);
                    return paired;
                }
                case HeartbeatAck ignored -> {
                    // for a heartbeat this side did not send: nothing to do
                }
                case ErrorMessage error -> throw new IOException("Relay refused: " + error.code() + " " + error.message());
                case Bye bye -> throw new IOException("Relay said bye: " + bye.reason() + " " + bye.message());
                default -> throw new IOException("Unexpected before pairing: " + message.type().displayName());
            }
        }
    }

    static String describe(SSLSocket socket) {
        return socket.getSession().getProtocol() + " " + socket.getSession().getCipherSuite();
    }
}
