package io.helmdesk.session;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ClipboardText;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.transport.Connection;
import io.helmdesk.transport.ConnectionHandler;
import io.helmdesk.transport.ServerIdentity;
import io.helmdesk.transport.ServerSettings;
import io.helmdesk.transport.TransportServer;

/**
 * A stand-in for the server's relay, on a real {@link TransportServer} with a self-signed identity: it reads each
 * connection's {@code RelayJoin} and acts by its ticket (see the constants), then echoes, or forwards between two
 * joined connections. It works on messages where the real relay forwards bytes, which is the same for the ends.
 */
final class FakeRelay implements ConnectionHandler, AutoCloseable {

    /** Paired at once with a pretend agent that sends every message back. */
    static final String ECHO = "echo";
    /** As {@link #ECHO}, with a chat line from the pretend agent right behind {@code RelayPaired}. */
    static final String ECHO_AND_TALK = "echo-and-talk";
    /** Refused as the relay refuses an unknown, used or expired ticket. */
    static final String USED = "used";
    /** Answered with a {@code Bye}: the session ended before the other side came. */
    static final String ENDED = "ended";
    /** Never answered: the other side does not come. */
    static final String SILENT = "silent";
    /** Closed without a word. */
    static final String HANG_UP = "hang-up";
    /** Answered with a message larger than what may come before pairing. */
    static final String OVERSIZED = "oversized";
    /** The agent's and the console's ticket of one session: paired with each other, messages forwarded. */
    static final String AGENT = "agent";
    static final String CONSOLE = "console";

    static final String SESSION = "s-42";
    static final String REFUSAL = "Unknown, used or expired session ticket";

    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    private final ServerIdentity identity;
    private final TransportServer server;
    private final Set<Connection> echoing = ConcurrentHashMap.newKeySet();
    private final Map<Connection, Connection> partners = new ConcurrentHashMap<>();
    private Connection waitingAgent;
    private Connection waitingConsole;

    FakeRelay(Path folder) throws IOException {
        identity = ServerIdentity.loadOrCreate(folder.resolve("relay.p12"), List.of("localhost", "127.0.0.1"));
        ServerSettings settings = new ServerSettings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                Duration.ofSeconds(5), Duration.ofSeconds(60), 4096, 16L * 1024 * 1024, 2);
        server = TransportServer.start(settings, identity.serverContext(), this);
    }

    RelayAddress address() {
        return new RelayAddress(server.address().getHostString(), server.address().getPort(), identity.pin());
    }

    @Override
    public void opened(Connection connection) {
    }

    @Override
    public void received(Connection connection, Message message) {
        if (message instanceof Heartbeat || message instanceof HeartbeatAck) {
            // The transport answered it.
            return;
        }
        Connection partner = partners.get(connection);
        if (partner != null) {
            partner.send(message);
            return;
        }
        if (echoing.contains(connection)) {
            connection.send(message);
            return;
        }
        if (!(message instanceof RelayJoin join)) {
            connection.send(new ErrorMessage(ErrorCode.UNEXPECTED_MESSAGE, "RelayJoin first"));
            connection.close("no join");
            return;
        }
        switch (join.ticket()) {
            case ECHO, ECHO_AND_TALK -> {
                connection.maxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
                echoing.add(connection);
                connection.send(new RelayPaired(SESSION, Role.AGENT));
                // The transport answers heartbeats end to end after pairing; the peer never sees them.
                connection.send(new Heartbeat(1, System.nanoTime()));
                if (join.ticket().equals(ECHO_AND_TALK)) {
                    connection.send(new ChatMessage(1, "agent", "right behind the pairing"));
                }
            }
            case USED -> {
                connection.send(new ErrorMessage(ErrorCode.AUTHENTICATION_FAILED, REFUSAL));
                connection.close("refused");
            }
            case ENDED -> {
                connection.send(new Bye(Bye.Reason.SHUTDOWN, "The user declined the session"));
                connection.close("ended");
            }
            case HANG_UP -> connection.close("hung up");
            case OVERSIZED -> connection.send(new ClipboardText("x".repeat(20_000)));
            case AGENT, CONSOLE -> pair(connection, join.ticket().equals(AGENT) ? Role.AGENT : Role.CONSOLE);
            default -> {
            }
        }
    }

    private synchronized void pair(Connection connection, Role role) {
        if (role == Role.AGENT) {
            waitingAgent = connection;
        } else {
            waitingConsole = connection;
        }
        if (waitingAgent == null || waitingConsole == null) {
            return;
        }
        Connection agent = waitingAgent;
        Connection console = waitingConsole;
        waitingAgent = null;
        waitingConsole = null;
        agent.maxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
        console.maxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
        partners.put(agent, console);
        partners.put(console, agent);
        agent.send(new RelayPaired(SESSION, Role.CONSOLE));
        console.send(new RelayPaired(SESSION, Role.AGENT));
    }

    @Override
    public void closed(Connection connection, String reason) {
        closed.add(reason);
        echoing.remove(connection);
        Connection partner = partners.remove(connection);
        if (partner != null) {
            partners.remove(partner);
            partner.close("the other side left");
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
