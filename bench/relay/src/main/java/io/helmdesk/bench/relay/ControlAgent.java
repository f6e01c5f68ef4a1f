package io.helmdesk.bench.relay;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLSocket;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.Authenticate;
import io.helmdesk.protocol.message.Authenticated;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.Challenge;
import io.helmdesk.protocol.message.Command;
import io.helmdesk.protocol.message.CommandResult;
import io.helmdesk.protocol.message.Enroll;
import io.helmdesk.protocol.message.EnrollResult;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Hello;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.protocol.message.Welcome;
import io.helmdesk.transport.PinnedTrust;

/**
 * The simulated agent's control connection to the agent gateway, as bench/agents' simulated agent speaks it (a JDK
 * {@link SSLSocket} pinned to the gateway's certificate, the protocol bundle's frame encoder/decoder and message codec):
 * hello, enroll with the enrollment token, challenge, authenticate (Ed25519), status; then heartbeats, and the answer to
 * each {@code session-offer}: connect to the target (the iperf3 server), join the relay with the agent's ticket, answer
 * {@code CommandResult} success, wait for {@code RelayPaired}, and pipe the relay's bytes to the target.
 */
final class ControlAgent {

    static final String OFFER = "session-offer";

    private final String host;
    private final int port;
    private final String pin;
    private final String enrollmentToken;
    private final InetSocketAddress target;
    private final Object writeLock = new Object();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("agent-heartbeats").daemon().factory());
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;
    private FrameDecoder decoder;
    private volatile FrameEncoder encoder = new FrameEncoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD);
    private long sequence;
    private String deviceId;
    private volatile boolean rawSessions;

    ControlAgent(String host, int port, String pin, String enrollmentToken, InetSocketAddress target) {
        this.host = host;
        this.port = port;
        this.pin = pin;
        this.enrollmentToken = enrollmentToken;
        this.target = target;
    }

    /** Enrolls and authenticates; returns the device id the server gave. */
    String connect() throws IOException, GeneralSecurityException {
        KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] publicKey = keys.getPublic().getEncoded();
        socket = (SSLSocket) PinnedTrust.clientContext(pin).getSocketFactory().createSocket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        socket.setSoTimeout(30_000);
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
        decoder = new FrameDecoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD);

        send(Hello.agent("", publicKey, "0.1.0-bench", "Linux", "bench"));
        Welcome welcome = expect(next(), Welcome.class);
        send(new Enroll(Enroll.TokenKind.ENROLLMENT_TOKEN, enrollmentToken, publicKey, "bench-relay-agent", "Linux",
                "bench"));
        EnrollResult result = expect(next(), EnrollResult.class);
        if (!result.accepted()) {
            throw new IOException("Enrollment refused: " + result.reason());
        }
        String id = result.deviceId();
        Challenge challenge = expect(next(), Challenge.class);
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(keys.getPrivate());
        signature.update(Authenticate.signedData(challenge.nonce(), id, welcome.connectionId()));
        send(new Authenticate(id, signature.sign()));
        Authenticated authenticated = expect(next(), Authenticated.class);
        decoder.setMaxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
        encoder = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);
        int interval = Math.max(5, authenticated.heartbeatIntervalSeconds());
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(interval * 3L + 10));
        send(new Status(Status.State.ONLINE, "bench", 0));
        timer.scheduleAtFixedRate(this::heartbeat, interval, interval, TimeUnit.SECONDS);
        deviceId = id;
        Thread.ofPlatform().name("agent-control").daemon().start(this::readUntilClosed);
        return id;
    }

    private void heartbeat() {
        try {
            send(new Heartbeat(sequence++, System.nanoTime()));
        } catch (IOException e) {
            Log.info("agent: heartbeat failed: %s", e);
        }
    }

    private void readUntilClosed() {
        try {
            while (true) {
                Message message = next();
                switch (message) {
                    case Heartbeat heartbeat -> send(heartbeat.ack());
                    case HeartbeatAck ignored -> {
                        // the server is there
                    }
                    case Command command when command.name().equals(OFFER) ->
                        Thread.ofPlatform().name("agent-offer").daemon().start(() -> offer(command));
                    case Command command -> {
                        if (command.commandId() != 0) {
                            send(command.name().equals("apply-settings")
                                    ? CommandResult.succeeded(command.commandId(), "applied")
                                    : CommandResult.failed(command.commandId(),
                                            "The relay bench agent does not know '" + command.name() + "'"));
                        }
                    }
                    case Bye bye -> {
                        Log.info("agent: bye %s %s", bye.reason(), bye.message());
                        return;
                    }
                    case ErrorMessage error -> {
                        Log.info("agent: server error %s %s", error.code(), error.message());
                        return;
                    }
                    default -> Log.info("agent: ignored %s", message.type().displayName());
                }
            }
        } catch (IOException | RuntimeException e) {
            Log.info("agent: control connection ended: %s", e);
        }
    }

    /**
     * The target is connected before the relay is joined: the console's adapter takes the next iperf3 connection only
     * after this session paired, so the iperf3 server sees its connections in the client's order.
     */
    private void offer(Command command) {
        Map<String, String> arguments = command.arguments();
        String sessionId = arguments.getOrDefault("sessionId", "?");
        String relayHost = arguments.getOrDefault("relayHost", "");
        boolean raw = rawSessions;
        Socket plain = null;
        Socket joined = null;
        Socket relay = null;
        try {
            plain = new Socket();
            plain.setTcpNoDelay(true);
            plain.connect(target, 10_000);
            joined = RelayJoiner.join(relayHost.isEmpty() ? host : relayHost,
                    Integer.parseInt(arguments.get("relayPort")), arguments.get("ticket"));
            send(CommandResult.succeeded(command.commandId(), "joined"));
            RelayPaired paired = RelayJoiner.awaitPaired(joined);
            relay = raw ? joined : RelayJoiner.endToEnd(joined, arguments.get("identity"), arguments.get("peerPin"), true);
            Log.info("agent: session %s paired with the %s (%s)", sessionId, paired.peerRole(),
                    RelayJoiner.describe(relay));
            new Pipe("agent " + sessionId.substring(0, Math.min(8, sessionId.length())), relay, plain).start();
        } catch (IOException | RuntimeException e) {
            Log.info("agent: session %s failed: %s", sessionId, e);
            Pipe.close(plain);
            Pipe.close(relay);
            Pipe.close(joined);
            try {
                send(CommandResult.failed(command.commandId(), "bench agent: " + e.getMessage()));
            } catch (IOException ignored) {
                // the control connection is gone too
            }
        }
    }

    /** Whether the sessions offered from now on pass raw bytes after pairing (no TLS at the ends). */
    void rawSessions(boolean raw) {
        rawSessions = raw;
    }

    String deviceId() {
        return deviceId;
    }

    private Message next() throws IOException {
        Frame frame = decoder.read(in);
        if (frame == null) {
            throw new EOFException("the server closed the control connection");
        }
        return MessageCodec.decode(frame);
    }

    private static <T extends Message> T expect(Message message, Class<T> type) throws IOException {
        if (type.isInstance(message)) {
            return type.cast(message);
        }
        throw new IOException("expected " + type.getSimpleName() + ", got " + message);
    }

    private void send(Message message) throws IOException {
        synchronized (writeLock) {
            out.write(encoder.encode(MessageCodec.encode(message)));
        }
    }
}
