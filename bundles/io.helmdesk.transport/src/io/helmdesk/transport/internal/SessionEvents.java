package io.helmdesk.transport.internal;

import java.util.function.Function;

import org.apache.mina.core.service.IoHandlerAdapter;
import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.FilterEvent;
import org.apache.mina.filter.ssl.SslEvent;

import io.helmdesk.protocol.message.Message;

/**
 * MINA's handler for every client session (agent, console, either end of a session through the relay): makes the session's {@link MinaConnection} and passes
 * MINA's events on to it. Runs on the network threads and never blocks; {@code sessionCreated} only allocates.
 */
public final class SessionEvents extends IoHandlerAdapter {

    private final Function<IoSession, MinaConnection> connections;

    /** @param connections makes the connection of a new session (without any I/O) */
    public SessionEvents(Function<IoSession, MinaConnection> connections) {
        this.connections = connections;
    }

    @Override
    public void sessionCreated(IoSession session) {
        connections.apply(session).attachToSession();
    }

    @Override
    public void event(IoSession session, FilterEvent event) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null && event == SslEvent.SECURED) {
            connection.secured();
        }
    }

    @Override
    public void messageReceived(IoSession session, Object message) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null && message instanceof Message received) {
            connection.dispatch(received);
        }
    }

    @Override
    public void exceptionCaught(IoSession session, Throwable cause) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null) {
            connection.failed(cause);
        } else {
            session.closeNow();
        }
    }

    @Override
    public void inputClosed(IoSession session) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null) {
            connection.abort(Reasons.PEER_CLOSED);
        } else {
            session.closeNow();
        }
    }

    @Override
    public void sessionClosed(IoSession session) {
        MinaConnection connection = MinaConnection.of(session);
        if (connection != null) {
            connection.closed();
        }
    }
}
