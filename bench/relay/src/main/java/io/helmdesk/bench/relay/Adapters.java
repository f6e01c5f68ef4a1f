package io.helmdesk.bench.relay;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.helmdesk.protocol.message.RelayPaired;

/**
 * The TCP adapters between iperf3 and a TLS forwarder, all in this one JVM (whose CPU is not the forwarder's):
 *
 * <pre>
 * Helmdesk:     iperf3 -c → [console adapter: plain in, POST /api/v1/sessions, RelayJoin(console ticket), then TLS end
 *               to end] → relay (server JVM) → [agent: session-offer, RelayJoin(agent ticket), TLS] → iperf3 -s
 * Helmdesk raw: the same, but after RelayPaired both adapters pass iperf3's bytes as they are (no TLS at the ends):
 *               the relay cannot tell, and forwards what HAProxy in TCP mode forwards
 * HAProxy TLS:  iperf3 -c → [TLS client adapter] → HAProxy (bind ssl, server ssl) → [TLS server adapter] → iperf3 -s
 * </pre>
 *
 * The relay pairs one session per TCP connection, so every iperf3 connection (its control connection and each stream)
 * gets a session of its own. Connections are taken one at a time, each once paired, so the target sees them in order.
 *
 * <p>
 * Options: {@code --target-port P} (iperf3 server on 127.0.0.1); Helmdesk: {@code --helmdesk-listen P --api URL
 * --admin-session TOKEN --gateway-port P --gateway-pin PIN --enrollment-token T [--gateway-host 127.0.0.1]
 * [--helmdesk-raw-listen P]}; HAProxy
 * TLS: {@code --tls-listen P --tls-upstream P} and {@code --tls-server-listen P --keystore FILE --keystore-password PW}.
 */
public final class Adapters {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Pattern STRING_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER_FIELD = Pattern.compile("\"(\\w+)\"\\s*:\\s*(-?\\d+)");

    private Adapters() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Not an option: " + args[i]);
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        InetSocketAddress target = new InetSocketAddress(LOOPBACK, Integer.parseInt(required(options, "target-port")));
        Log.info("adapters: pid %d, target %s", ProcessHandle.current().pid(), target);
        if (options.containsKey("tls-server-listen")) {
            SSLContext context = serverContext(Path.of(required(options, "keystore")),
                    required(options, "keystore-password").toCharArray());
            SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(
                    Integer.parseInt(options.get("tls-server-listen")), 64, InetAddress.getByName(LOOPBACK));
            Thread.ofPlatform().name("tls-server-accept").start(() -> tlsServerLoop(server, target));
        }
        if (options.containsKey("tls-listen")) {
            ServerSocket server = listen(Integer.parseInt(options.get("tls-listen")));
            InetSocketAddress upstream = new InetSocketAddress(LOOPBACK,
                    Integer.parseInt(required(options, "tls-upstream")));
            Thread.ofPlatform().name("tls-client-accept").start(() -> tlsClientLoop(server, upstream));
        }
        Log.info("READY tls");
        if (options.containsKey("helmdesk-listen")) {
            String gatewayHost = options.getOrDefault("gateway-host", LOOPBACK);
            ControlAgent agent = new ControlAgent(gatewayHost, Integer.parseInt(required(options, "gateway-port")),
                    required(options, "gateway-pin"), required(options, "enrollment-token"), target);
            String deviceId = agent.connect();
            ServerSocket server = listen(Integer.parseInt(options.get("helmdesk-listen")));
            Console console = new Console(URI.create(required(options, "api")), required(options, "admin-session"),
                    deviceId);
            Thread.ofPlatform().name("console-accept").start(() -> consoleLoop(server, console, agent, false));
            if (options.containsKey("helmdesk-raw-listen")) {
                ServerSocket raw = listen(Integer.parseInt(options.get("helmdesk-raw-listen")));
                Thread.ofPlatform().name("console-raw-accept").start(() -> consoleLoop(raw, console, agent, true));
            }
            Log.info("READY helmdesk device=%s", deviceId);
        }
        Thread.currentThread().join();
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is missing");
        }
        return value;
    }

    private static ServerSocket listen(int port) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(LOOPBACK, port), 64);
        return server;
    }

    /**
     * The console's side: each accepted connection gets a session of its own, joined with the console's ticket. One
     * session is set up at a time across the loops, so the agent knows whether it runs TLS.
     *
     * @param raw pass the bytes as they are after pairing instead of running TLS end to end
     */
    private static void consoleLoop(ServerSocket server, Console console, ControlAgent agent, boolean raw) {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                Log.info("console: accept failed: %s", e);
                return;
            }
            Socket joined = null;
            Socket relay = null;
            try {
                client.setTcpNoDelay(true);
                long started = System.nanoTime();
                Map<String, String> start;
                RelayPaired paired;
                synchronized (agent) {
                    agent.rawSessions(raw);
                    start = console.startSession();
                    joined = RelayJoiner.join(start.get("relayHost"), Integer.parseInt(start.get("relayPort")),
                            start.get("ticket"));
                    paired = RelayJoiner.awaitPaired(joined);
                }
                relay = raw ? joined : RelayJoiner.endToEnd(joined, start.get("identity"), start.get("peerPin"), false);
                String sessionId = start.get("sessionId");
                Log.info("console: session %s paired with the %s in %d ms (%s)", sessionId, paired.peerRole(),
                        (System.nanoTime() - started) / 1_000_000, RelayJoiner.describe(relay));
                new Pipe("console " + sessionId.substring(0, Math.min(8, sessionId.length())), client, relay).start();
            } catch (IOException | RuntimeException e) {
                Log.info("console: session failed: %s", e);
                Pipe.close(client);
                Pipe.close(relay);
                Pipe.close(joined);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Plain in, TLS out to HAProxy's TLS frontend (its certificate is not checked: a benchmark on loopback). */
    private static void tlsClientLoop(ServerSocket server, InetSocketAddress upstream) {
        SSLContext context;
        try {
            context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new TrustAll()}, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                Log.info("tls-client: accept failed: %s", e);
                return;
            }
            SSLSocket tls = null;
            try {
                client.setTcpNoDelay(true);
                tls = (SSLSocket) context.getSocketFactory().createSocket();
                tls.setTcpNoDelay(true);
                tls.connect(upstream, 10_000);
                tls.startHandshake();
                Log.info("tls-client: connected (%s)", RelayJoiner.describe(tls));
                new Pipe("tls-client", client, tls).start();
            } catch (IOException e) {
                Log.info("tls-client: failed: %s", e);
                Pipe.close(client);
                Pipe.close(tls);
            }
        }
    }

    /** TLS in (from HAProxy's TLS backend), plain out to the target. */
    private static void tlsServerLoop(SSLServerSocket server, InetSocketAddress target) {
        while (true) {
            SSLSocket tls;
            try {
                tls = (SSLSocket) server.accept();
            } catch (IOException e) {
                Log.info("tls-server: accept failed: %s", e);
                return;
            }
            Socket plain = null;
            try {
                tls.setTcpNoDelay(true);
                tls.startHandshake();
                plain = new Socket();
                plain.setTcpNoDelay(true);
                plain.connect(target, 10_000);
                Log.info("tls-server: accepted (%s)", RelayJoiner.describe(tls));
                new Pipe("tls-server", tls, plain).start();
            } catch (IOException e) {
                Log.info("tls-server: failed: %s", e);
                Pipe.close(tls);
                Pipe.close(plain);
            }
        }
    }

    private static SSLContext serverContext(Path keystore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** The console's REST call for a session: POST /api/v1/sessions {deviceId}. */
    static final class Console {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private final URI api;
        private final String bearer;
        private final String deviceId;

        Console(URI api, String bearer, String deviceId) {
            this.api = api;
            this.bearer = bearer;
            this.deviceId = deviceId;
        }

        Map<String, String> startSession() throws IOException, InterruptedException {
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/sessions"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/json")
                    .header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"deviceId\":\"" + deviceId + "\"}"))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IOException("POST /sessions: " + response.statusCode() + " " + response.body());
            }
            Map<String, String> fields = new HashMap<>();
            Matcher strings = STRING_FIELD.matcher(response.body());
            while (strings.find()) {
                fields.putIfAbsent(strings.group(1), strings.group(2));
            }
            Matcher numbers = NUMBER_FIELD.matcher(response.body());
            while (numbers.find()) {
                fields.putIfAbsent(numbers.group(1), numbers.group(2));
            }
            for (String name : new String[]{"sessionId", "relayHost", "relayPort", "identity", "peerPin", "ticket"}) {
                if (!fields.containsKey(name)) {
                    throw new IOException("POST /sessions: no " + name + " in the answer");
                }
            }
            return fields;
        }
    }

    /** For the HAProxy TLS comparison only: HAProxy's throw-away certificate on loopback. */
    private static final class TrustAll implements X509TrustManager {

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // anything: a benchmark on loopback
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
