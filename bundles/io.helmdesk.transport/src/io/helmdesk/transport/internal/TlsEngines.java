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

/**
 * The TLS engine of every Helmdesk connection, server or client, MINA or NIO: TLS 1.3 and 1.2 only, AES-128 first,
 * made without name lookups, and running its handshake tasks itself ({@link InlineTasksEngine}).
 */
public final class TlsEngines {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private TlsEngines() {
    }

    /**
     * A new engine for one connection.
     *
     * @param server whether this end takes the TLS server's part
     * @param peer the peer as it was given, for a client's SNI (never looked up); null for none
     * @param needClientAuth whether a server asks for the client's certificate (end-to-end TLS through the relay)
     */
    public static SSLEngine create(SSLContext context, boolean server, InetSocketAddress peer,
            boolean needClientAuth) {
        SSLEngine engine = server || peer == null
                ? context.createSSLEngine()
                : context.createSSLEngine(peer.getHostString(), peer.getPort());
        engine.setUseClientMode(!server);
        if (server && needClientAuth) {
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
