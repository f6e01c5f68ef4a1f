package io.helmdesk.transport.internal;

import org.apache.mina.core.buffer.IoBuffer;
import org.apache.mina.core.filterchain.IoFilterAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.core.write.WriteRequest;

/**
 * Sits above the TLS filter: turns decrypted bytes into messages (through the connection's frame decoder) and tells
 * the connection when its queued frames have left, so that it can count what it holds for the peer and write more.
 * Frames are encoded by the sending thread ({@link MinaConnection#send}), not here. Stateless; one instance serves
 * every session of a server or client.
 */
public final class FrameFilter extends IoFilterAdapter {

    @Override
    public void messageReceived(NextFilter next, IoSession session, Object message) throws Exception {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null && message instanceof IoBuffer buffer) {
            connection.received(buffer.buf(), decoded -> next.messageReceived(session, decoded));
        } else {
            next.messageReceived(session, message);
        }
    }

    @Override
    public void messageSent(NextFilter next, IoSession session, WriteRequest request) throws Exception {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null) {
            connection.sent(request.getOriginalMessage());
        }
        next.messageSent(session, request);
    }
}
