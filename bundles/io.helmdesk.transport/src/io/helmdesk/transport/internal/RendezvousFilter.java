package io.helmdesk.transport.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.DefaultWriteRequest;
import org.apache.mina.core.write.WriteRequest;

import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.transport.Rendezvous;

/**
 * Sits below the TLS filter of a connection whose TLS runs end to end through a relay. When the connection opens it
 * writes the rendezvous' opening frame in the clear, and holds back whatever the TLS filter writes (its ClientHello)
 * until TLS starts. It reads the relay's frames in the clear until the rendezvous says TLS starts, then lets the held
 * writes go and passes every byte after that frame, in the same read or later, up to the TLS filter untouched. One
 * instance per connection: each {@link ClientConnector} holds one connection.
 */
final class RendezvousFilter extends IoFilterAdapter {

    /** What the relay says before TLS is a few short frames. */
    static final int MAX_PAYLOAD = 8 * 1024;

    private static final FrameEncoder ENCODER = new FrameEncoder(MAX_PAYLOAD);

    private final Rendezvous rendezvous;
    private final InboundFrames frames = new InboundFrames(MAX_PAYLOAD);
    private final List<WriteRequest> held = new ArrayList<>();
    private volatile WriteRequest opening;
    /** Set once, on the network thread; read by writers on any thread under the lock of {@link #held}. */
    private boolean started;

    RendezvousFilter(Rendezvous rendezvous) {
        this.rendezvous = rendezvous;
    }

    @Override
    public void sessionOpened(NextFilter next, IoSession session) {
        WriteRequest first = new DefaultWriteRequest(
                IoBuffer.wrap(ENCODER.encode(MessageCodec.encode(rendezvous.opening()))));
        opening = first;
        next.filterWrite(session, first);
        // MINA completes the connect future when this event reaches the chain's end; the TLS filter starts its
        // handshake on it, and what it writes waits in this filter.
        next.sessionOpened(session);
    }

    @Override
    public void filterWrite(NextFilter next, IoSession session, WriteRequest request) {
        synchronized (held) {
            if (!started) {
                held.add(request);
                return;
            }
        }
        next.filterWrite(session, request);
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) {
        if (request != opening) {
            next.messageSent(session, request);
        }
    }

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) {
        if (started || !(message instanceof IoBuffer buffer)) {
            next.messageReceived(session, message);
            return;
        }
        ByteBuffer bytes = buffer.buf();
        try {
            frames.decode(bytes, said -> {
                try {
                    if (!rendezvous.received(said)) {
                        return true;
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                start(next, session);
                return false;
            });
        } catch (ProtocolException e) {
            refuse(session, new IOException("The relay at " + session.getRemoteAddress() + " broke the protocol: "
                    + e.getMessage(), e));
            return;
        } catch (UncheckedIOException e) {
            refuse(session, e.getCause());
            return;
        }
        if (started && bytes.hasRemaining()) {
            // The other end's first TLS bytes, in the same read as the relay's last frame.
            IoBuffer rest = IoBuffer.allocate(bytes.remaining(), false);
            rest.put(bytes).flip();
            next.messageReceived(session, rest);
        }
    }

    @Override
    public void sessionClosed(NextFilter next, IoSession session) {
        if (!started) {
            refuse(session, rendezvous.closed());
        }
        next.sessionClosed(session);
    }

    private void start(NextFilter next, IoSession session) {
        List<WriteRequest> waiting;
        synchronized (held) {
            started = true;
            waiting = List.copyOf(held);
            held.clear();
        }
        for (WriteRequest request : waiting) {
            next.filterWrite(session, request);
        }
    }

    private static void refuse(IoSession session, IOException why) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null) {
            connection.refuse(why);
        } else {
            session.closeNow();
        }
    }
}
