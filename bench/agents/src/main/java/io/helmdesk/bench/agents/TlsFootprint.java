package io.helmdesk.bench.agents;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.management.JMException;
import javax.management.ObjectName;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;

/**
 * What the Java runtime alone keeps for one idle TLS connection on the server side: {@code --connections} server
 * {@link SSLEngine}s (EC P-256 key, as the gateway's; TLS 1.3; default JDK settings) each complete a handshake with a
 * client engine of its own in memory and exchange one 24-byte record each way (a heartbeat and its ack); the client
 * engines are dropped, the server engines kept. Heap after a full GC, minus the heap before, per engine, and the
 * classes that grew. No sockets, no MINA, no Helmdesk: the floor a Java TLS server pays per connection.
 *
 * <pre>
 * java -cp helmdesk-bench-agents.jar io.helmdesk.bench.agents.TlsFootprint --connections 5000
 * </pre>
 */
public final class TlsFootprint {

    private TlsFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length >= 2 && args[0].equals("--connections") ? Integer.parseInt(args[1]) : 5000;
        Path folder = Files.createTempDirectory("tls-footprint");
        Path keystore = folder.resolve("server.p12");
        char[] password = "footprint".toCharArray();
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg",
                "SHA256withECDSA", "-dname", "CN=localhost", "-validity", "3650", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", new String(password)).inheritIO().start();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed");
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(keys.getKeyManagers(), null, new SecureRandom());
        String pin = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(((X509Certificate) store.getCertificate("server")).getEncoded()));
        PinnedTrust trust = new PinnedTrust(pin);

        // Warm up (classes, caches, JIT), then the baseline.
        List<SSLEngine> kept = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            kept.add(connect(server, trust));
        }
        kept.clear();
        long before = usedAfterGc();
        Map<String, long[]> histogramBefore = histogram();
        for (int i = 0; i < connections; i++) {
            kept.add(connect(server, trust));
        }
        long after = usedAfterGc();
        Map<String, long[]> histogramAfter = histogram();
        System.out.println(String.format(Locale.ROOT,
                "%d idle server SSLEngines (%s, %s): heap %.1f MB → %.1f MB after full GC = %.0f bytes per engine",
                kept.size(), kept.get(0).getSession().getProtocol(), kept.get(0).getSession().getCipherSuite(),
                before / 1048576.0, after / 1048576.0, (after - before) / (double) kept.size()));
        System.out.println("| class | bytes per engine | instances per engine |");
        System.out.println("|---|---|---|");
        histogramAfter.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), new long[]{
                        e.getValue()[0] - histogramBefore.getOrDefault(e.getKey(), new long[2])[0],
                        e.getValue()[1] - histogramBefore.getOrDefault(e.getKey(), new long[2])[1]}))
                .filter(e -> e.getValue()[1] > 0)
                .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
                .limit(25)
                .forEach(e -> System.out.println(String.format(Locale.ROOT, "| `%s` | %.0f | %.2f |", e.getKey(),
                        e.getValue()[1] / (double) kept.size(), e.getValue()[0] / (double) kept.size())));
        Files.deleteIfExists(keystore);
        Files.deleteIfExists(folder);
    }

    /** A server engine after a full handshake with a client engine of its own and one small record each way. */
    private static SSLEngine connect(SSLContext serverContext, PinnedTrust trust) throws Exception {
        SSLEngine server = serverContext.createSSLEngine();
        server.setUseClientMode(false);
        server.setEnabledProtocols(PinnedTrust.protocols(server.getSupportedProtocols()));
        SSLEngine client = trust.newContext().createSSLEngine("localhost", 7443);
        client.setUseClientMode(true);
        client.setEnabledProtocols(PinnedTrust.protocols(client.getSupportedProtocols()));
        int size = Math.max(server.getSession().getPacketBufferSize(), client.getSession().getPacketBufferSize());
        ByteBuffer toServer = ByteBuffer.allocate(size * 2);
        ByteBuffer toClient = ByteBuffer.allocate(size * 2);
        ByteBuffer scratch = ByteBuffer.allocate(size * 2);
        client.beginHandshake();
        server.beginHandshake();
        for (int round = 0; round < 100 && (busy(client) || busy(server)); round++) {
            step(client, toServer, toClient, scratch);
            step(server, toClient, toServer, scratch);
        }
        if (busy(client) || busy(server)) {
            throw new IllegalStateException("The handshake did not finish");
        }
        // A heartbeat and its ack; the client also reads what the server sent after the handshake (session ticket).
        exchange(client, server, toServer, scratch, size);
        exchange(server, client, toClient, scratch, size);
        return server;
    }

    private static boolean busy(SSLEngine engine) {
        HandshakeStatus status = engine.getHandshakeStatus();
        return status != HandshakeStatus.NOT_HANDSHAKING && status != HandshakeStatus.FINISHED;
    }

    /** One step of an engine: wrap what it wants to send into {@code out}, unwrap what arrived in {@code in}. */
    private static void step(SSLEngine engine, ByteBuffer out, ByteBuffer in, ByteBuffer scratch) throws Exception {
        for (int i = 0; i < 20; i++) {
            HandshakeStatus status = engine.getHandshakeStatus();
            switch (status) {
                case NEED_TASK -> {
                    Runnable task;
                    while ((task = engine.getDelegatedTask()) != null) {
                        task.run();
                    }
                }
                case NEED_WRAP -> engine.wrap(ByteBuffer.allocate(0), out);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    in.flip();
                    scratch.clear();
                    SSLEngineResult result = engine.unwrap(in, scratch);
                    in.compact();
                    if (result.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        return;
                    }
                }
                default -> {
                    return;
                }
            }
        }
    }

    private static void exchange(SSLEngine from, SSLEngine to, ByteBuffer wire, ByteBuffer scratch, int size)
            throws Exception {
        from.wrap(ByteBuffer.wrap("0123456789abcdef01234567".getBytes(StandardCharsets.US_ASCII)), wire);
        wire.flip();
        while (wire.hasRemaining()) {
            scratch.clear();
            SSLEngineResult result = to.unwrap(wire, scratch);
            if (result.getStatus() != SSLEngineResult.Status.OK) {
                break;
            }
        }
        wire.clear();
    }

    private static long usedAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * This process's class histogram (the diagnostic command GC.class_histogram, run in process: jcmd attaching to
     * its own parent hangs): class → {instances, bytes}.
     */
    private static Map<String, long[]> histogram() throws JMException {
        String output = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        Map<String, long[]> classes = new HashMap<>();
        for (String line : output.split("\n")) {
            String[] fields = line.strip().split("\\s+");
            if (fields.length >= 4 && fields[0].endsWith(":") && Character.isDigit(fields[0].charAt(0))) {
                long[] counts = classes.computeIfAbsent(fields[3], k -> new long[2]);
                counts[0] += Long.parseLong(fields[1]);
                counts[1] += Long.parseLong(fields[2]);
            }
        }
        return classes;
    }
}
