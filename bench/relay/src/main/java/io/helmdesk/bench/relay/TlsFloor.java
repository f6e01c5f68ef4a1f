package io.helmdesk.bench.relay;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The floor of what a relay that terminates TLS on both legs pays in the JDK alone: one thread unwraps TLS records
 * (the incoming leg) and wraps the plaintext again (the outgoing leg), in memory, no sockets, no MINA, no allocation
 * per record. Prints the thread's CPU seconds per GB (10^9 bytes) for each half and both.
 *
 * <pre>
 * java -cp helmdesk-bench-relay.jar io.helmdesk.bench.relay.TlsFloor --keystore F [--password P] [--gigabytes 2] [--record 16384]
 *     [--suite TLS_AES_128_GCM_SHA256]
 * </pre>
 *
 * The keystore is a PKCS#12 file with one key pair, e.g. the EC P-256 one run.sh makes for its TLS server adapter
 * ({@code work/runs/<run>/tls/adapter.p12}, password benchbench). The suite is the JDK's default pick for TLS 1.3
 * (TLS_AES_256_GCM_SHA384, as the relay negotiates with the JDK's clients) unless {@code --suite} names another.
 */
public final class TlsFloor {

    private TlsFloor() {
    }

    public static void main(String[] args) throws Exception {
        double gigabytes = 2;
        int record = 16384;
        String keystore = null;
        String password = "benchbench";
        String suite = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--gigabytes" -> gigabytes = Double.parseDouble(args[i + 1]);
                case "--record" -> record = Integer.parseInt(args[i + 1]);
                case "--keystore" -> keystore = args[i + 1];
                case "--password" -> password = args[i + 1];
                case "--suite" -> suite = args[i + 1];
                default -> throw new IllegalArgumentException("Unknown option " + args[i]);
            }
        }
        if (keystore == null) {
            throw new IllegalArgumentException("--keystore <PKCS12 with a key pair> is needed");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(keystore))) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext serverContext = SSLContext.getInstance("TLS");
        serverContext.init(keys.getKeyManagers(), null, null);
        SSLContext clientContext = SSLContext.getInstance("TLS");
        clientContext.init(null, new TrustManager[]{new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);

        // Leg 1: sender (client) → relay (server engine, unwraps). Leg 2: relay (client engine, wraps) → receiver.
        SSLEngine sender = client(clientContext);
        SSLEngine relayIn = server(serverContext);
        SSLEngine relayOut = client(clientContext);
        SSLEngine receiver = server(serverContext);
        if (suite != null) {
            for (SSLEngine engine : new SSLEngine[]{sender, relayIn, relayOut, receiver}) {
                engine.setEnabledCipherSuites(new String[]{suite});
            }
        }
        handshake(sender, relayIn);
        handshake(relayOut, receiver);
        System.out.println("suite " + relayIn.getSession().getProtocol() + " " + relayIn.getSession().getCipherSuite()
                + ", records of " + record + " bytes");

        // The incoming records, made once (their encryption is the sender's cost, not the relay's).
        int packet = relayIn.getSession().getPacketBufferSize();
        int recordsInPool = 4096;
        ByteBuffer plain = ByteBuffer.allocate(record);
        ByteBuffer wire = ByteBuffer.allocate(recordsInPool * packet);
        for (int i = 0; i < recordsInPool; i++) {
            plain.clear();
            check(sender.wrap(plain, wire));
        }
        wire.flip();
        ByteBuffer pool = wire.asReadOnlyBuffer();

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ByteBuffer app = ByteBuffer.allocate(relayIn.getSession().getApplicationBufferSize());
        ByteBuffer out = ByteBuffer.allocate(relayOut.getSession().getPacketBufferSize());
        long target = (long) (gigabytes * 1e9);
        for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
            long unwrapNanos = 0;
            long wrapNanos = 0;
            long bytes = 0;
            while (bytes < target) {
                if (!pool.hasRemaining()) {
                    // new records: the incoming engine expects the next sequence numbers
                    wire.clear();
                    for (int i = 0; i < recordsInPool; i++) {
                        plain.clear();
                        check(sender.wrap(plain, wire));
                    }
                    wire.flip();
                    pool = wire.asReadOnlyBuffer();
                }
                long t0 = threads.getCurrentThreadCpuTime();
                app.clear();
                check(relayIn.unwrap(pool, app));
                long t1 = threads.getCurrentThreadCpuTime();
                app.flip();
                out.clear();
                check(relayOut.wrap(app, out));
                long t2 = threads.getCurrentThreadCpuTime();
                unwrapNanos += t1 - t0;
                wrapNanos += t2 - t1;
                bytes += app.limit();
            }
            double gb = bytes / 1e9;
            if (pass == 1) {
                System.out.printf("decrypt %.3f CPU-s/GB, encrypt %.3f CPU-s/GB, both %.3f CPU-s/GB (%.1f GB)%n",
                        unwrapNanos / 1e9 / gb, wrapNanos / 1e9 / gb, (unwrapNanos + wrapNanos) / 1e9 / gb, gb);
            }
        }
    }

    private static SSLEngine client(SSLContext context) {
        SSLEngine engine = context.createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        engine.setEnabledProtocols(new String[]{"TLSv1.3"});
        return engine;
    }

    private static SSLEngine server(SSLContext context) {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        engine.setEnabledProtocols(new String[]{"TLSv1.3"});
        return engine;
    }

    private static void check(SSLEngineResult result) {
        if (result.getStatus() != SSLEngineResult.Status.OK) {
            throw new IllegalStateException("TLS: " + result);
        }
    }

    /** Both engines in memory until neither has anything to do. */
    private static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        ByteBuffer toServer = ByteBuffer.allocate(client.getSession().getPacketBufferSize() * 4);
        ByteBuffer toClient = ByteBuffer.allocate(server.getSession().getPacketBufferSize() * 4);
        ByteBuffer sink = ByteBuffer.allocate(server.getSession().getApplicationBufferSize() * 4);
        ByteBuffer empty = ByteBuffer.allocate(0);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 1000; i++) {
            boolean progress = step(client, empty, toServer, toClient, sink);
            progress |= step(server, empty, toClient, toServer, sink);
            if (done(client) && done(server) && toServer.position() == 0 && toClient.position() == 0) {
                return;
            }
            if (!progress && i > 10) {
                break;
            }
        }
        if (!done(client) || !done(server)) {
            throw new IllegalStateException("handshake did not finish: " + client.getHandshakeStatus() + " / "
                    + server.getHandshakeStatus());
        }
    }

    private static boolean done(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status == HandshakeStatus.NOT_HANDSHAKING || status == HandshakeStatus.FINISHED;
    }

    /** One engine: run tasks, wrap what it wants to send into out, unwrap what the peer sent (in). */
    private static boolean step(SSLEngine engine, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink)
            throws Exception {
        boolean progress = false;
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
            progress = true;
        }
        if (engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
            SSLEngineResult result = engine.wrap(empty, out);
            progress |= result.bytesProduced() > 0;
        }
        in.flip();
        while (in.hasRemaining() && engine.getHandshakeStatus() == HandshakeStatus.NEED_UNWRAP) {
            SSLEngineResult result = engine.unwrap(in, sink);
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
            }
            if (result.bytesConsumed() == 0) {
                break;
            }
            progress = true;
        }
        // after the handshake a TLS 1.3 server sends session tickets: unwrap those too
        while (in.hasRemaining() && done(engine)) {
            SSLEngineResult result = engine.unwrap(in, sink);
            if (result.bytesConsumed() == 0) {
                break;
            }
            progress = true;
        }
        in.compact();
        return progress;
    }
}
