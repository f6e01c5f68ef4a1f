package io.helmdesk.transport.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.transport.ConnectionHandler;
import io.helmdesk.transport.ServerSettings;

/**
 * The server's TLS port on plain NIO: a few {@link GatewayLoop}s, each a thread with a selector, serve all
 * connections; the first one also accepts and deals them out in turn. Per idle connection the server keeps the socket,
 * the TLS engine and a {@link NioConnection} with its frame decoder, and no buffer: that is what lets one process hold
 * tens of thousands of agents (MINA kept a session, a filter chain, an attribute map and per-read buffers for each).
 */
public final class NioGateway {

    private static final int BACKLOG = 1024;

    private final Logger logger = LoggerFactory.getLogger(NioGateway.class);
    private final ServerSettings settings;
    private final SSLContext tls;
    private final ConnectionHandler handler;
    private final ServerSocketChannel server;
    private final GatewayLoop[] loops;
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicLong ids = new AtomicLong();
    private final InetSocketAddress address;
    private int nextLoop;

    public NioGateway(ServerSettings settings, SSLContext tls, ConnectionHandler handler) throws IOException {
        this.settings = settings;
        this.tls = tls;
        this.handler = handler;
        this.server = ServerSocketChannel.open();
        this.loops = new GatewayLoop[settings.ioThreads()];
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(settings.bind(), BACKLOG);
            server.configureBlocking(false);
            address = (InetSocketAddress) server.getLocalAddress();
            for (int i = 0; i < loops.length; i++) {
                loops[i] = new GatewayLoop("helmdesk-gateway-" + address.getPort() + "-" + i, this);
            }
            loops[0].accept(server);
        } catch (IOException | RuntimeException e) {
            for (GatewayLoop loop : loops) {
                if (loop != null) {
                    loop.stop();
                }
            }
            server.close();
            throw e;
        }
        for (GatewayLoop loop : loops) {
            loop.start();
        }
        logger.debug("Listening for TLS connections on {} with {} network threads", address, loops.length);
    }

    public InetSocketAddress address() {
        return address;
    }

    /** Connections whose socket is open, those in their handshake included. */
    public int connections() {
        return open.get();
    }

    /**
     * Stops accepting, closes every connection with {@code reason} (flushing within the grace period), waits for them,
     * then stops the network threads.
     */
    public void close(String reason) {
        for (GatewayLoop loop : loops) {
            loop.closeEvery(reason);
        }
        long deadline = System.nanoTime() + FramedConnection.CLOSE_GRACE.plusMillis(500).toNanos();
        while (open.get() > 0 && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (GatewayLoop loop : loops) {
            loop.stop();
        }
        try {
            server.close();
        } catch (IOException e) {
            logger.debug("Closing the listening socket {} failed: {}", address, e.toString());
        }
        logger.debug("Stopped listening on {}", address);
    }

    ServerSettings settings() {
        return settings;
    }

    /** On the accepting loop: deals the connection to the next loop. */
    void accepted(SocketChannel channel) {
        open.incrementAndGet();
        for (int tries = 0; tries < loops.length; tries++) {
            GatewayLoop loop = loops[nextLoop];
            nextLoop = (nextLoop + 1) % loops.length;
            if (loop.alive()) {
                loop.adopt(channel);
                return;
            }
        }
        logger.warn("No network thread of {} runs; refusing a connection", address);
        try {
            channel.close();
        } catch (IOException ignored) {
            // refused anyway
        }
        closedOne();
    }

    /** On {@code loop}: makes the connection and starts its handshake. */
    void open(GatewayLoop loop, SocketChannel channel) {
        NioConnection connection = null;
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            InetSocketAddress peer = (InetSocketAddress) channel.getRemoteAddress();
            SSLEngine engine = TlsEngines.create(tls, true, null, false);
            connection = new NioConnection("c-" + ids.incrementAndGet(), peer, loop, channel, engine, handler,
                    settings.maxPayloadBeforeAuthentication());
            connection.register();
        } catch (IOException | RuntimeException e) {
            logger.debug("A connection failed as it was accepted: {}", e.toString());
            if (connection != null) {
                connection.failed(e);
            } else {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // dropped anyway
                }
                closedOne();
            }
        }
    }

    void closedOne() {
        open.decrementAndGet();
    }
}
