package io.helmdesk.transport.internal;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import org.apache.mina.core.session.IoSession;
import org.apache.mina.filter.ssl.SslFilter;

/**
 * MINA's TLS filter with TLS 1.3 and 1.2 only, and an engine made without name lookups: MINA's own
 * {@code createEngine} asks the peer address for its host name, a reverse DNS query on the network thread for every
 * accepted connection. The server's engine gets no peer information; the client's gets the name or address as it was
 * given (for SNI), never looked up. The engine runs its handshake tasks itself ({@link InlineTasksEngine}).
 */
public final class TlsFilter extends SslFilter {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    /** Whether this end is the TLS server; null: as the MINA session is (acceptor or connector). */
    private final Boolean tlsServer;

    /** Server or client as the MINA session is. */
    public TlsFilter(SSLContext context) {
        super(context, true);
        this.tlsServer = null;
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
        boolean server = tlsServer == null ? session.isServer() : tlsServer;
        SSLEngine engine = server || peer == null
                ? sslContext.createSSLEngine()
                : sslContext.createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(!server);
        if (server && tlsServer != null) {
            engine.setNeedClientAuth(true);
        }
        List<String> supported = Arrays.asList(engine.getSupportedProtocols());
        engine.setEnabledProtocols(PROTOCOLS.stream().filter(supported::contains).toArray(String[]::new));
        engine.setEnabledCipherSuites(aes128First(engine.getEnabledCipherSuites()));
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setUseCipherSuitesOrder(true);
        engine.setSSLParameters(parameters);
        return new InlineTasksEngine(engine);
    }

    /**
     * The JDK's suites in its own order, except that AES-128 comes before AES-256 within each kind: both are strong,
     * and 128-bit keys take 10 AES rounds instead of 14 — the relay decrypts and encrypts every byte of a session.
     */
    static String[] aes128First(String[] suites) {
        Map<String, Integer> firstOfKind = new HashMap<>();
        for (int i = 0; i < suites.length; i++) {
            firstOfKind.putIfAbsent(kind(suites[i]), i);
        }
        List<String> ordered = new ArrayList<>(Arrays.asList(suites));
        ordered.sort(Comparator.<String>comparingInt(suite -> firstOfKind.get(kind(suite)))
                .thenComparingInt(suite -> suite.contains("AES_256") ? 1 : 0));
        return ordered.toArray(String[]::new);
    }

    /** A suite's name with its key and hash sizes left out: AES-128 and AES-256 of the same kind compare equal. */
    private static String kind(String suite) {
        return suite.replace("AES_256", "AES_128").replace("SHA384", "SHA256");
    }
}
