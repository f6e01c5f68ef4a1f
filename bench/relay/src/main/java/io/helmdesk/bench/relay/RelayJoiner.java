package io.helmdesk.bench.relay;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

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
import io.helmdesk.transport.EndToEndIdentity;

/**
 * One side's relay connection, as {@code io.helmdesk.session.RelayChannel} opens it but with the bytes left to the
 * caller: a plain TCP connection, {@code RelayJoin(ticket)} in the clear as the first frame, then {@code RelayPaired};
 * from then on the relay forwards raw bytes, and {@link #endToEnd} runs the TLS the two ends run with each other
 * through it (the console the client, the agent the server, each pinning the other's session certificate), over
 * which {@link Pipe} copies.
 */
final class RelayJoiner {

    /** The relay sends nothing bigger than a sentence before pairing. */
    private static final int PAIRING_MAX_PAYLOAD = 8 * 1024;
    private static final int TIMEOUT_MILLIS = 30_000;
    private static final FrameEncoder ENCODER = new FrameEncoder(PAIRING_MAX_PAYLOAD);

    private RelayJoiner() {
    }

    /** Connects and presents the ticket; {@link #awaitPaired} then waits for the other side. */
    static Socket join(String host, int port, String ticket) throws IOException {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.getOutputStream().write(ENCODER.encode(MessageCodec.encode(new RelayJoin(ticket))));
            return socket;
        } catch (IOException | RuntimeException e) {
            Pipe.close(socket);
            throw e;
        }
    }

    /** Reads up to and including {@code RelayPaired}, never beyond it (the peer's bytes follow). */
    static RelayPaired awaitPaired(Socket socket) throws IOException {
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

    /**
     * The TLS with the other end, over the paired connection.
     *
     * @param identity this end's session identity as the server gave it ({@code EndToEndIdentity.encode()})
     * @param peerPin the other end's certificate fingerprint
     * @param tlsServer the agent's side takes the server's part
     */
    static SSLSocket endToEnd(Socket paired, String identity, String peerPin, boolean tlsServer) throws IOException {
        SSLContext context = EndToEndIdentity.decode(identity).context(peerPin);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(paired,
                paired.getInetAddress().getHostAddress(), paired.getPort(), true);
        socket.setUseClientMode(!tlsServer);
        socket.setNeedClientAuth(tlsServer);
        socket.startHandshake();
        paired.setSoTimeout(0);
        return socket;
    }

    static String describe(Socket socket) {
        return socket instanceof SSLSocket tls
                ? "end to end, " + tls.getSession().getProtocol() + " " + tls.getSession().getCipherSuite()
                : "raw bytes, no TLS at the ends";
    }
}
