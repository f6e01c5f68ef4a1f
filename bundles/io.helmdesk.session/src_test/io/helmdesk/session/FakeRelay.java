package io.helmdesk.session;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ClipboardText;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Role;

/**
 * A stand-in for the server's relay on a real TCP port, as the ends see it: it reads each connection's
 * {@code RelayJoin} in the clear and acts by its ticket (see the constants). Tickets ending in {@link #AGENT} and
 * {@link #CONSOLE} with the same beginning pair: both hear {@code RelayPaired}, then the relay copies bytes between
 * them, which is where the ends' TLS runs, and keeps a copy of what it forwarded.
 */
final class FakeRelay implements AutoCloseable {

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
    /** The suffixes of the agent's and the console's ticket of one session. */
    static final String AGENT = "/agent";
    static final String CONSOLE = "/console";

    static final String SESSION = "s-42";
    static final String REFUSAL = "Unknown, used or expired session ticket";

    private static final FrameEncoder ENCODER = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);

    /** A line for each connection that ended, with the ticket it presented. */
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    private final ServerSocket listener;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final Map<String, Socket> waiting = new HashMap<>();
    private final ByteArrayOutputStream forwarded = new ByteArrayOutputStream();

    FakeRelay() throws IOException {
        listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("fake-relay").start(this::accept);
    }

    RelayAddress address() {
        return new RelayAddress(listener.getInetAddress().getHostAddress(), listener.getLocalPort());
    }

    /** Every byte the relay forwarded so far, both ways. */
    byte[] forwarded() {
        synchronized (forwarded) {
            return forwarded.toByteArray();
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                sockets.add(socket);
                Thread.ofPlatform().daemon().start(() -> serve(socket));
            } catch (IOException closing) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        String ticket = "?";
        try {
            Message first = readFrame(socket.getInputStream());
            if (!(first instanceof RelayJoin join)) {
                write(socket, new ErrorMessage(ErrorCode.UNEXPECTED_MESSAGE, "RelayJoin first"));
                socket.close();
                return;
            }
            ticket = join.ticket();
            switch (ticket) {
                case USED -> {
                    write(socket, new ErrorMessage(ErrorCode.AUTHENTICATION_FAILED, REFUSAL));
                    socket.close();
                }
                case ENDED -> {
                    write(socket, new Bye(Bye.Reason.SESSION_ENDED, "The user declined the session"));
                    socket.close();
                }
                case HANG_UP -> socket.close();
                case OVERSIZED -> write(socket, new ClipboardText("x".repeat(20_000)));
                default -> pair(socket, ticket);
            }
            // Until the other side hangs up.
            if (!socket.isClosed() && !ticket.endsWith(AGENT) && !ticket.endsWith(CONSOLE)) {
                socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            }
        } catch (IOException ended) {
            // closed
        } finally {
            if (!ticket.endsWith(AGENT) && !ticket.endsWith(CONSOLE)) {
                closed.add(ticket);
                close(socket);
            }
        }
    }

    private void pair(Socket socket, String ticket) throws IOException {
        boolean agent = ticket.endsWith(AGENT);
        if (!agent && !ticket.endsWith(CONSOLE)) {
            return; // SILENT and other unknown tickets: the other side never comes
        }
        String session = ticket.substring(0, ticket.lastIndexOf('/'));
        Socket other;
        // One lock for the look and the put: two sides arriving together would otherwise both wait for ever.
        synchronized (waiting) {
            other = waiting.remove(session + (agent ? CONSOLE : AGENT));
            if (other == null) {
                waiting.put(ticket, socket);
                return;
            }
        }
        write(other, new RelayPaired(SESSION, agent ? Role.AGENT : Role.CONSOLE));
        write(socket, new RelayPaired(SESSION, agent ? Role.CONSOLE : Role.AGENT));
        Thread.ofPlatform().daemon().start(() -> pump(socket, other, ticket));
        Thread.ofPlatform().daemon().start(() -> pump(other, socket, session + (agent ? CONSOLE : AGENT)));
    }

    /** Copies bytes one way until either side closes, then closes both (as the relay does). */
    private void pump(Socket from, Socket to, String ticket) {
        byte[] buffer = new byte[64 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                synchronized (forwarded) {
                    forwarded.write(buffer, 0, read);
                }
                out.write(buffer, 0, read);
            }
        } catch (IOException ended) {
            // one side closed
        } finally {
            closed.add(ticket);
            close(from);
            close(to);
        }
    }

    /** Reads exactly one frame, byte by byte: whatever follows it is not this relay's to read. */
    private static Message readFrame(InputStream in) throws IOException {
        FrameDecoder decoder = new FrameDecoder(4096);
        ByteBuffer one = ByteBuffer.allocate(1);
        while (true) {
            int next = in.read();
            if (next < 0) {
                throw new IOException("closed before a frame");
            }
            one.clear();
            one.put((byte) next).flip();
            Frame frame = decoder.decode(one);
            if (frame != null) {
                return MessageCodec.decode(frame);
            }
        }
    }

    private static void write(Socket socket, Message message) throws IOException {
        synchronized (socket) {
            socket.getOutputStream().write(ENCODER.encode(MessageCodec.encode(message)));
            socket.getOutputStream().flush();
        }
    }

    private void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        sockets.remove(socket);
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : Set.copyOf(sockets)) {
            close(socket);
        }
    }
}
