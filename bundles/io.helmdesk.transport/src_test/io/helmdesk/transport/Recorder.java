package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Message;

/** A handler that records what happens, for a test to wait on; it can also act (echo, raise limits). */
final class Recorder implements ConnectionHandler {

    final BlockingQueue<Connection> opened = new LinkedBlockingQueue<>();
    final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
    final BlockingQueue<String> closed = new LinkedBlockingQueue<>();
    private volatile Consumer<Connection> onOpened = connection -> {
    };
    private volatile BiConsumer<Connection, Message> onReceived = (connection, message) -> {
    };

    Recorder onOpened(Consumer<Connection> action) {
        this.onOpened = action;
        return this;
    }

    Recorder onReceived(BiConsumer<Connection, Message> action) {
        this.onReceived = action;
        return this;
    }

    /** Sends every message back, except heartbeats and their acknowledgements. */
    Recorder echo() {
        return onReceived((connection, message) -> {
            if (!(message instanceof Heartbeat)
                    && !(message instanceof HeartbeatAck)) {
                connection.send(message);
            }
        });
    }

    @Override
    public void opened(Connection connection) {
        onOpened.accept(connection);
        opened.add(connection);
    }

    @Override
    public void received(Connection connection, Message message) {
        received.add(message);
        onReceived.accept(connection, message);
    }

    @Override
    public void closed(Connection connection, String reason) {
        closed.add(reason);
    }

    static <T> T next(BlockingQueue<T> queue, Duration timeout, String what) {
        try {
            T item = queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(item, "no " + what + " within " + timeout.toMillis() + " ms");
            return item;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    Connection nextOpened() {
        return next(opened, Duration.ofSeconds(5), "opened connection");
    }

    Message nextReceived() {
        return next(received, Duration.ofSeconds(5), "received message");
    }

    /** The next message of a type, skipping heartbeats and acknowledgements the transport exchanges by itself. */
    <T extends Message> T nextReceived(Class<T> type) {
        while (true) {
            Message message = nextReceived();
            if (type.isInstance(message)) {
                return type.cast(message);
            }
            if (!(message instanceof Heartbeat)
                    && !(message instanceof HeartbeatAck)) {
                throw new AssertionError("expected a " + type.getSimpleName() + ", received " + message);
            }
        }
    }

    String nextClosed() {
        return next(closed, Duration.ofSeconds(5), "closed connection");
    }
}
