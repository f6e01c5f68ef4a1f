package io.helmdesk.transport.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

import io.helmdesk.transport.ServerSettings;
import io.helmdesk.transport.nio.SelectorLoop;

/**
 * One network thread of a {@link NioGateway}: its connections' reads, TLS and writes, the timeouts of its
 * connections, and on the first loop the accepting of new ones. The buffers every connection of the loop borrows
 * live here, one set per thread, so an idle connection holds none.
 */
final class GatewayLoop extends SelectorLoop {

    /** Room for a TLS record that has not fully arrived plus the next read. */
    private static final int NET_IN_BYTES = 64 * 1024;
    /** A TLS record's plain text is at most 16 KiB. */
    private static final int APP_IN_BYTES = 32 * 1024;
    /** Several records per write. */
    private static final int NET_OUT_BYTES = 80 * 1024;
    /** Each open connection's silence is looked at at least this often. */
    private static final long MAX_SWEEP_ROUND_NANOS = 10_000_000_000L;
    /** After a failed accept (e.g. no file descriptor left), the pause before the next. */
    private static final long ACCEPT_PAUSE_NANOS = 100_000_000L;

    private final NioGateway gateway;
    private final ByteBuffer netIn = ByteBuffer.allocateDirect(NET_IN_BYTES);
    private final ByteBuffer appIn = ByteBuffer.allocate(APP_IN_BYTES);
    private final ByteBuffer netOut = ByteBuffer.allocateDirect(NET_OUT_BYTES);
    private final ByteBuffer[] gather = new ByteBuffer[NioConnection.GATHER];
    /** Every connection of this loop, each knowing its slot (removal swaps the last one in). */
    private final ArrayList<NioConnection> connections = new ArrayList<>();
    /** Connections in their handshake or closing: few, and their timeouts are short. */
    private final ArrayList<NioConnection> watched = new ArrayList<>();
    private final ArrayList<NioConnection> expired = new ArrayList<>();
    private int sweepCursor;
    private SelectionKey acceptKey;
    private long acceptPausedSince;

    GatewayLoop(String name, NioGateway gateway) throws IOException {
        super(name, "its agents lose their connection and are not served until the server restarts");
        this.gateway = gateway;
    }

    /** Accepts on this loop; before {@link #start()}. */
    void accept(ServerSocketChannel server) throws IOException {
        acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** Takes a connection accepted by another loop. */
    void adopt(SocketChannel channel) {
        if (inLoop()) {
            gateway.open(this, channel);
        } else {
            execute(() -> gateway.open(this, channel));
        }
    }

    /** Registers a connection's channel for reading; on this loop's thread. */
    SelectionKey register(SocketChannel channel, NioConnection connection) throws IOException {
        return channel.register(selector, SelectionKey.OP_READ, connection);
    }

    ByteBuffer netIn() {
        return netIn;
    }

    ByteBuffer appIn() {
        return appIn;
    }

    ByteBuffer netOut() {
        return netOut;
    }

    ByteBuffer[] gather() {
        return gather;
    }

    long maxQueuedBytes() {
        return gateway.settings().maxQueuedBytesPerConnection();
    }

    @Override
    protected void ready(SelectionKey key) {
        if (key == acceptKey) {
            if (key.isValid()) {
                acceptAll((ServerSocketChannel) key.channel());
            }
            return;
        }
        NioConnection connection = (NioConnection) key.attachment();
        if (key.isValid() && key.isWritable()) {
            connection.writable();
        }
        if (key.isValid() && key.isReadable()) {
            connection.readable();
        }
    }

    @Override
    protected void failed(SelectionKey key, RuntimeException e) {
        if (key.attachment() instanceof NioConnection connection) {
            connection.failed(e);
        } else {
            logger.error("Accepting agent connections failed; trying again", e);
        }
    }

    @Override
    protected void tick(long now) {
        ServerSettings settings = gateway.settings();
        // The few connections in their handshake or closing: every tick.
        for (NioConnection connection : watched) {
            connection.checkHandshake(now, settings.handshakeTimeout().toNanos());
            connection.checkGrace(now);
        }
        watched.removeIf(connection -> connection.settled() && connection.watched(false));
        // The silence of open connections: a slice per tick, each connection about ten times per read idle timeout.
        // Looking at every one of 10,000 connections each tick took more CPU than their heartbeats (cache misses).
        long readIdleNanos = settings.readIdleTimeout().toNanos();
        long roundNanos = Math.clamp(readIdleNanos / 10, TICK_NANOS, MAX_SWEEP_ROUND_NANOS);
        int count = connections.size();
        int slice = (int) Math.min(count, (count * TICK_NANOS + roundNanos - 1) / roundNanos);
        for (int i = 0; i < slice; i++) {
            if (sweepCursor >= connections.size()) {
                sweepCursor = 0;
            }
            NioConnection connection = connections.get(sweepCursor++);
            if (connection.silentFor(now) > readIdleNanos) {
                expired.add(connection);
            }
        }
        for (NioConnection connection : expired) {
            connection.checkSilence(now, readIdleNanos, Reasons.READ_IDLE_TIMEOUT);
        }
        expired.clear();
        if (acceptKey != null && acceptKey.isValid() && acceptKey.interestOps() == 0
                && now - acceptPausedSince > ACCEPT_PAUSE_NANOS) {
            acceptKey.interestOps(SelectionKey.OP_ACCEPT);
        }
    }

    /** A connection of this loop was registered: it is in its handshake. */
    void added(NioConnection connection) {
        connection.slot(connections.size());
        connections.add(connection);
        watch(connection);
    }

    /** A connection of this loop is in its handshake or closing: its timeouts are looked at every tick. */
    void watch(NioConnection connection) {
        if (connection.watched(true)) {
            watched.add(connection);
        }
    }

    /** A connection of this loop closed its socket. */
    void removed(NioConnection connection) {
        int slot = connection.slot();
        if (slot >= 0) {
            NioConnection last = connections.remove(connections.size() - 1);
            if (last != connection) {
                connections.set(slot, last);
                last.slot(slot);
            }
            connection.slot(-1);
        }
        gateway.closedOne();
    }

    @Override
    protected void closeAll() {
        if (acceptKey != null) {
            acceptKey.cancel();
        }
        for (NioConnection connection : List.copyOf(connections)) {
            connection.abort(Reasons.SERVER_STOPPING);
            connection.closeSocketNow();
        }
    }

    /** Stops accepting and closes every connection gracefully; the server is stopping. */
    void closeEvery(String reason) {
        execute(() -> {
            if (acceptKey != null) {
                acceptKey.cancel();
            }
            for (NioConnection connection : List.copyOf(connections)) {
                connection.close(reason);
            }
        });
    }

    private void acceptAll(ServerSocketChannel server) {
        for (int i = 0; i < 64; i++) {
            SocketChannel channel;
            try {
                channel = server.accept();
            } catch (IOException e) {
                logger.warn("Cannot accept agent connections for now (pausing 100 ms): {}", e.toString());
                if (acceptKey.isValid()) {
                    acceptKey.interestOps(0);
                }
                acceptPausedSince = System.nanoTime();
                return;
            }
            if (channel == null) {
                return;
            }
            gateway.accepted(channel);
        }
    }
}
