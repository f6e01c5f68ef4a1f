package io.helmdesk.transport.internal;

import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * MINA's TLS filter with TLS 1.3 and 1.2 only, and an engine made without name lookups: MINA's own
 * {@code createEngine} asks the peer address for its host name, a reverse DNS query on the network thread for every
 * accepted connection. The server's engine gets no peer information; the client's gets the name or address as it was
 * given (for SNI), never looked up.
 */
public final class TlsFilter extends SslFilter {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsFilter(SSLContext context) {
        super(context, true);
    }

    @Override
    protected SSLEngine createEngine(IoSession session, InetSocketAddress peer) {
        SSLEngine engine = session.isServer() || peer == null
                ? sslContext.createSSLEngine()
                : sslContext.createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(!session.isServer());
        List<String> supported = Arrays.asList(engine.getSupportedProtocols());
        engine.setEnabledProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        return engine;
    }
}
