package io.helmdesk.bench.agents;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.security.GeneralSecurityException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;

import io.helmdesk.bench.agents.Identities.Identity;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.ProtocolException;
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
import io.helmdesk.protocol.message.PreviewImage;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.protocol.message.Welcome;

/**
 * One simulated agent: a JDK {@link SSLSocket} read by a virtual thread of its own, the protocol's frame decoder and
 * encoder, and the agent's sequence (hello, enrollment if it has no device id yet, challenge, authenticate, status).
 * Once online it answers what the server sends and measures each heartbeat's round trip; its heartbeats and previews
 * are started by the shared timer, each on a short virtual thread, so a write that blocks holds up no other agent.
 */
final class SimulatedAgent {

    static final String SOFTWARE_VERSION = "0.1.0-bench";

    private static final FrameEncoder BEFORE_AUTHENTICATION = new FrameEncoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD);
    private static final FrameEncoder AFTER_AUTHENTICATION = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);

    private final Identity identity;
    private final Setup setup;
    private final ReentrantLock writeLock = new ReentrantLock();
    private SSLSocket socket;
    private InputStream in;
    private OutputStream out;
    private FrameDecoder decoder;
    private volatile FrameEncoder encoder = BEFORE_AUTHENTICATION;
    private volatile boolean online;
    private long sequence;
    private volatile long lastSentSequence = -1;
    private volatile long lastAckedSequence = -1;
    private ScheduledFuture<?> heartbeats;
    private ScheduledFuture<?> previews;
    private int interval;

    SimulatedAgent(Identity identity, Setup setup) {
        this.identity = identity;
        this.setup = setup;
    }

    boolean isOnline() {
        return online;
    }

    /** Whether heartbeats went out whose acknowledgement has not arrived (beyond the one possibly in flight). */
    boolean missesAcks() {
        return online && lastSentSequence - lastAckedSequence > 1;
    }

    /**
     * Connects (with retries), runs {@code settled} once it is online or has given up, then reads until the
     * connection ends. Runs on the agent's own virtual thread.
     */
    void run(Runnable settled) {
        boolean connected = false;
        try {
            for (int attempt = 1; attempt <= setup.attempts() && !connected; attempt++) {
                try {
                    connect();
                    connected = true;
                } catch (IOException | GeneralSecurityException | ProtocolException e) {
                    setup.stats().attemptFailed(kind(e));
                    closeQuietly();
                    if (attempt < setup.attempts()) {
                        sleep(1000L * attempt + ThreadLocalRandom.current().nextInt(1000));
                    }
                }
            }
            if (!connected) {
                setup.stats().failedAgents.increment();
                return;
            }
            schedule();
        } finally {
            settled.run();
        }
        readUntilClosed();
    }

    private void connect() throws IOException, GeneralSecurityException {
        long started = System.nanoTime();
        setup.stats().attemptStarted(started);
        socket = (SSLSocket) setup.trust().newContext().getSocketFactory().createSocket();
        socket.setEnabledProtocols(PinnedTrust.protocols(socket.getSupportedProtocols()));
        socket.setTcpNoDelay(true);
        // No TIME_WAIT: closing (or the process ending) resets the connection, so 19,000 ports are free at once
        // for the next run.
        socket.setSoLinger(true, 0);
        socket.setSoTimeout(setup.handshakeTimeoutMillis());
        socket.connect(new InetSocketAddress(setup.host(), setup.port()), setup.handshakeTimeoutMillis());
        socket.startHandshake();
        in = socket.getInputStream();
        out = socket.getOutputStream();
        decoder = new FrameDecoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD);
        encoder = BEFORE_AUTHENTICATION;

        String deviceId = identity.deviceId;
        send(Hello.agent(deviceId, identity.publicKey, SOFTWARE_VERSION, "Linux", "bench"));
        Welcome welcome = expect(next(), Welcome.class);
        boolean enrolledNow = false;
        if (deviceId.isEmpty()) {
            if (setup.token().isEmpty()) {
                throw new Refused("not enrolled and no enrollment token given");
            }
            send(new Enroll(Enroll.TokenKind.ENROLLMENT_TOKEN, setup.token(), identity.publicKey,
                    String.format("bench-agent-%05d", identity.index), "Linux", "bench"));
            EnrollResult result = expect(next(), EnrollResult.class);
            if (!result.accepted()) {
                throw new Refused("enrollment refused: " + result.reason());
            }
            deviceId = result.deviceId();
            identity.deviceId = deviceId;
            enrolledNow = true;
        }
        Challenge challenge = expect(next(), Challenge.class);
        send(new Authenticate(deviceId,
                identity.sign(Authenticate.signedData(challenge.nonce(), deviceId, welcome.connectionId()))));
        Authenticated authenticated = expect(next(), Authenticated.class);
        decoder.setMaxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
        encoder = AFTER_AUTHENTICATION;
        int interval = setup.heartbeatSeconds() > 0 ? setup.heartbeatSeconds()
                : authenticated.heartbeatIntervalSeconds();
        setup.heartbeatSecondsSeen(authenticated.heartbeatIntervalSeconds());
        // Silent for three intervals: the server is gone (it answers every heartbeat).
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(interval * 3L + 10));
        send(new Status(Status.State.ONLINE, "bench", 0));
        setup.stats().statusSent.increment();
        online = true;
        setup.stats().authenticated(started, System.nanoTime(), enrolledNow);
        this.interval = interval;
    }

    /** Heartbeats and previews at fixed phases, spread evenly over all agents whatever the order they connected in. */
    private void schedule() {
        long heartbeatPeriod = TimeUnit.SECONDS.toNanos(interval);
        heartbeats = setup.timer().scheduleAtFixedRate(() -> Thread.startVirtualThread(this::heartbeat),
                delayFor(heartbeatPeriod, 0), heartbeatPeriod, TimeUnit.NANOSECONDS);
        if (setup.previewSeconds() > 0) {
            long previewPeriod = TimeUnit.SECONDS.toNanos(setup.previewSeconds());
            previews = setup.timer().scheduleAtFixedRate(() -> Thread.startVirtualThread(this::preview),
                    delayFor(previewPeriod, previewPeriod / 4), previewPeriod, TimeUnit.NANOSECONDS);
        }
    }

    private long delayFor(long period, long offset) {
        long phase = (identity.index * period / setup.agents() + offset) % period;
        long elapsed = System.nanoTime() - setup.startNanos();
        return Math.floorMod(phase - elapsed, period);
    }

    private void heartbeat() {
        if (!online) {
            return;
        }
        writeLock.lock();
        try {
            long number = sequence++;
            // The clock starts here, after any other write of this agent: what is measured is the server's answer.
            Heartbeat heartbeat = new Heartbeat(number, System.nanoTime());
            out.write(encoder.encode(MessageCodec.encode(heartbeat)));
            lastSentSequence = number;
            setup.stats().heartbeatsSent.increment();
        } catch (IOException e) {
            drop("heartbeat write failed: " + kind(e));
        } finally {
            writeLock.unlock();
        }
    }

    private void preview() {
        if (!online) {
            return;
        }
        PreviewImage picture = setup.pictures().forAgent(identity.index);
        try {
            send(picture);
            setup.stats().previewsSent.increment();
            setup.stats().previewBytes.add(picture.data().length);
        } catch (IOException e) {
            drop("preview write failed: " + kind(e));
        }
    }

    private void readUntilClosed() {
        try {
            while (online) {
                Frame frame = decoder.read(in);
                long arrived = System.nanoTime();
                if (frame == null) {
                    drop("the server closed the connection");
                    return;
                }
                switch (MessageCodec.decode(frame)) {
                    case HeartbeatAck ack -> {
                        setup.stats().heartbeatAcked(arrived - ack.sentAtNanos());
                        lastAckedSequence = ack.sequence();
                    }
                    case Heartbeat heartbeat -> {
                        setup.stats().serverHeartbeats.increment();
                        send(heartbeat.ack());
                    }
                    case Command command -> {
                        setup.stats().commands.increment();
                        if (command.name().equals("apply-settings")) {
                            if (command.commandId() != 0) {
                                send(CommandResult.succeeded(command.commandId(), "applied"));
                            }
                        } else {
                            send(CommandResult.failed(command.commandId(),
                                    "A simulated agent does not know the command '" + command.name() + "'"));
                        }
                    }
                    case Bye bye -> {
                        if (bye.reason() == Bye.Reason.DEVICE_REMOVED) {
                            identity.deviceId = "";
                        }
                        drop("bye " + bye.reason());
                        return;
                    }
                    case ErrorMessage error -> {
                        drop("server error " + error.code());
                        return;
                    }
                    default -> setup.stats().unexpected.increment();
                }
            }
        } catch (SocketTimeoutException e) {
            drop("nothing from the server for three heartbeat intervals");
        } catch (IOException | ProtocolException e) {
            drop(kind(e));
        }
    }

    private void drop(String reason) {
        synchronized (this) {
            if (!online) {
                return;
            }
            online = false;
        }
        setup.stats().dropped(reason);
        if (heartbeats != null) {
            heartbeats.cancel(false);
        }
        if (previews != null) {
            previews.cancel(false);
        }
        closeQuietly();
    }

    private Message next() throws IOException {
        Frame frame = decoder.read(in);
        if (frame == null) {
            throw new EOFException("the server closed the connection");
        }
        return MessageCodec.decode(frame);
    }

    private <T extends Message> T expect(Message message, Class<T> type) throws IOException {
        if (type.isInstance(message)) {
            return type.cast(message);
        }
        switch (message) {
            case ErrorMessage error -> throw new Refused("server error " + error.code() + ": " + error.message());
            case Bye bye -> {
                if (bye.reason() == Bye.Reason.DEVICE_REMOVED) {
                    // Unknown to this server: enroll again at the next attempt.
                    identity.deviceId = "";
                }
                throw new Refused("bye " + bye.reason());
            }
            default -> throw new Refused(
                    "expected " + type.getSimpleName() + ", got " + message.getClass().getSimpleName());
        }
    }

    private void send(Message message) throws IOException {
        byte[] bytes = encoder.encode(MessageCodec.encode(message));
        writeLock.lock();
        try {
            out.write(bytes);
        } finally {
            writeLock.unlock();
        }
    }

    private void closeQuietly() {
        SSLSocket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A short, countable description of a failure: refusals with their reason, exceptions by class. */
    static String kind(Exception e) {
        if (e instanceof Refused) {
            String text = e.getMessage();
            return text.length() > 120 ? text.substring(0, 120) + "…" : text;
        }
        if (e instanceof ProtocolException protocol) {
            return "protocol " + protocol.code();
        }
        String name = e.getClass().getSimpleName();
        if (e instanceof SSLException || e instanceof SocketTimeoutException || e instanceof EOFException) {
            String text = String.valueOf(e.getMessage());
            return name + ": " + (text.length() > 80 ? text.substring(0, 80) + "…" : text);
        }
        String text = String.valueOf(e.getMessage());
        return name + ": " + (text.length() > 60 ? text.substring(0, 60) + "…" : text);
    }

    /** The server said no (error, bye, refused enrollment, out-of-sequence message). */
    static final class Refused extends IOException {

        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }
}
