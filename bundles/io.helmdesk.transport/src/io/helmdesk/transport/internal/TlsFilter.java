package io.helmdesk.transport.internal;

import java.net.InetSocketAddress;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * MINA's TLS filter with the engine of {@link TlsEngines}: MINA's own {@code createEngine} asks the peer address for
 * its host name, a reverse DNS query on the network thread; here the client's engine gets the name or address as it
 * was given (for SNI), never looked up.
 */
public final class TlsFilter extends SslFilter {

    /**
     * Whether this end takes the TLS server's part, and asks for the other's certificate: only one end of end-to-end
     * TLS through a relay does. MINA carries client connections only (the server's port is {@link NioGateway}).
     */
    private final boolean tlsServer;

    /** A client's TLS. */
    public TlsFilter(SSLContext context) {
        this(context, false);
    }

    /**
     * For end-to-end TLS through a relay, where both ends are MINA clients: one takes the server's part, and asks for
     * the other's certificate.
     */
    public static TlsFilter endToEnd(SSLContext context, boolean tlsServer) {
        return new TlsFilter(context, tlsServer);
    }

    private TlsFilter(SSLContext context, boolean tlsServer) {
        super(context, true);
        this.tlsServer = tlsServer;
    }

    @Override
    protected SSLEngine createEngine(IoSession session, InetSocketAddress peer) {
        return TlsEngines.create(sslContext, tlsServer, peer, tlsServer);
    }
}
