package io.helmdesk.bench.agents;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Connects many simulated agents to one Helmdesk server and measures it, in phases, printing one line per event:
 *
 * <ol>
 * <li>identities: an Ed25519 key per agent, read from (or added to) the identities file;</li>
 * <li>connect: at most {@code --concurrency} agents in their handshake at a time; each enrolls (if it has no device
 * id for this server yet) or reconnects; ends with {@code READY} once every agent is online or has given up;</li>
 * <li>settle, then the measured window: {@code WINDOW-START}, heartbeats and previews for {@code --window-seconds},
 * {@code WINDOW-END} after the figures were written to {@code --results};</li>
 * <li>then it keeps every agent connected, so the server can be measured, until the process is stopped.</li>
 * </ol>
 *
 * The enrollment token comes from the environment variable {@code HELMDESK_BENCH_TOKEN}, not the command line.
 */
public final class LoadGenerator {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private LoadGenerator() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String host = options.getOrDefault("host", "127.0.0.1");
        int port = integer(options, "port", -1);
        String pin = required(options, "pin");
        int agents = integer(options, "agents", -1);
        Path identitiesFile = Path.of(required(options, "identities"));
        Path results = Path.of(options.getOrDefault("results", "agents-results.properties"));
        int concurrency = integer(options, "concurrency", 64);
        int attempts = integer(options, "attempts", 3);
        int heartbeatSeconds = integer(options, "heartbeat-seconds", 0);
        int previewSeconds = integer(options, "preview-seconds", 60);
        int previewBytes = integer(options, "preview-bytes", 30_000);
        int settleSeconds = integer(options, "settle-seconds", 30);
        int windowSeconds = integer(options, "window-seconds", 120);
        int connectDeadlineSeconds = integer(options, "connect-deadline-seconds", 900);
        int handshakeTimeoutSeconds = integer(options, "handshake-timeout-seconds", 60);
        String serverPid = options.getOrDefault("server-pid", "");
        int ticksPerSecond = integer(options, "clk-tck", 100);
        if (port <= 0 || agents <= 0) {
            throw new IllegalArgumentException("--port and --agents are required");
        }
        String token = System.getenv().getOrDefault("HELMDESK_BENCH_TOKEN", "");

        long start = System.nanoTime();
        say("identities: reading " + identitiesFile);
        Identities identities = Identities.loadOrCreate(identitiesFile, agents, pin);
        say(String.format(Locale.ROOT,
                "identities: %d read (%d with a device id of this server, %d ids of another server forgotten), "
                        + "%d new keys, in %.1f s",
                identities.loaded, identities.loadedWithDeviceId, identities.forgotten, identities.created,
                (System.nanoTime() - start) / 1e9));
        PreviewPictures pictures = PreviewPictures.make(4, previewBytes);
        say("previews: " + pictures.describe());

        Stats stats = new Stats();
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("bench-timer").daemon().factory());
        timer.setRemoveOnCancelPolicy(true);
        Setup setup = new Setup(host, port, new PinnedTrust(pin), token, stats, pictures, timer, System.nanoTime(),
                agents, attempts, heartbeatSeconds, previewSeconds,
                (int) TimeUnit.SECONDS.toMillis(handshakeTimeoutSeconds), new AtomicInteger());
        List<SimulatedAgent> all = new ArrayList<>(agents);
        for (int i = 0; i < agents; i++) {
            all.add(new SimulatedAgent(identities.get(i), setup));
        }

        // Connect phase.
        say("connect: " + agents + " agents to " + host + ":" + port + ", at most " + concurrency
                + " in their handshake at a time, " + attempts + " attempts each");
        ProcCpu server = serverPid.isEmpty() ? null : new ProcCpu(serverPid, ticksPerSecond);
        ProcCpu self = new ProcCpu("self", ticksPerSecond);
        ProcCpu.Sample serverAtConnect = server == null ? null : server.sample();
        ProcCpu.Sample selfAtConnect = self.sample();
        Semaphore permits = new Semaphore(concurrency);
        CountDownLatch settled = new CountDownLatch(agents);
        Thread.ofPlatform().name("bench-launcher").daemon().start(() -> {
            for (int i = 0; i < agents; i++) {
                permits.acquireUninterruptibly();
                SimulatedAgent agent = all.get(i);
                Thread.ofVirtual().name("agent-" + i).start(() -> agent.run(() -> {
                    permits.release();
                    settled.countDown();
                }));
            }
        });
        long connectStart = System.nanoTime();
        long deadline = connectStart + TimeUnit.SECONDS.toNanos(connectDeadlineSeconds);
        long lastCount = 0;
        long lastNanos = connectStart;
        while (!settled.await(5, TimeUnit.SECONDS)) {
            long now = System.nanoTime();
            long count = stats.enrolled.sum() + stats.reconnected.sum();
            say(String.format(Locale.ROOT,
                    "connect: %d/%d online (%d enrolled, %d reconnected), %d gave up, %d failed attempts, "
                            + "%.0f/s over the last %.0f s",
                    stats.online.get(), agents, stats.enrolled.sum(), stats.reconnected.sum(),
                    stats.failedAgents.sum(), stats.failedAttempts.sum(), (count - lastCount) / ((now - lastNanos) / 1e9),
                    (now - lastNanos) / 1e9));
            lastCount = count;
            lastNanos = now;
            if (now > deadline) {
                say("connect: deadline of " + connectDeadlineSeconds + " s reached; " + settled.getCount()
                        + " agents still connecting");
                break;
            }
        }
        ProcCpu.Sample serverConnected = server == null ? null : server.sample();
        ProcCpu.Sample selfConnected = self.sample();
        identities.save();
        long enrolled = stats.enrolled.sum();
        long reconnected = stats.reconnected.sum();
        long authenticated = enrolled + reconnected;
        double connectSpan = authenticated == 0 ? 0
                : (stats.lastAuthenticatedNanos.get() - stats.firstAttemptNanos.get()) / 1e9;
        double connectRate = connectSpan > 0 ? authenticated / connectSpan : 0;
        String kind = enrolled > 0 && reconnected > 0 ? "mixed" : enrolled > 0 ? "enroll" : "reconnect";
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("agents", Integer.toString(agents));
        figures.put("concurrency", Integer.toString(concurrency));
        figures.put("connect.kind", kind);
        figures.put("connect.enrolled", Long.toString(enrolled));
        figures.put("connect.reconnected", Long.toString(reconnected));
        figures.put("connect.gave_up", Long.toString(stats.failedAgents.sum()));
        figures.put("connect.failed_attempts", Long.toString(stats.failedAttempts.sum()));
        figures.put("connect.errors", stats.attemptErrors());
        figures.put("connect.seconds", format(connectSpan, 1));
        figures.put("connect.rate_per_s", format(connectRate, 1));
        Histogram connectTimes = enrolled >= reconnected ? stats.connectEnroll : stats.connectReconnect;
        figures.put("connect.latency_p50_ms", Histogram.millis(connectTimes.percentileNanos(0.5)));
        figures.put("connect.latency_p99_ms", Histogram.millis(connectTimes.percentileNanos(0.99)));
        figures.put("connect.latency_max_ms", Histogram.millis(connectTimes.maxNanos()));
        if (server != null) {
            figures.put("connect.server_cpu_pct", format(server.percent(serverAtConnect, serverConnected), 1));
            figures.put("connect.server_cpu_threads", describe(server.threadPercent(serverAtConnect, serverConnected)));
        }
        figures.put("connect.client_cpu_pct", format(self.percent(selfAtConnect, selfConnected), 1));
        figures.put("connect.client_cpu_threads", describe(self.threadPercent(selfAtConnect, selfConnected)));
        say(String.format(Locale.ROOT,
                "READY online=%d enrolled=%d reconnected=%d gave_up=%d failed_attempts=%d in %.1f s: %.1f/s (%s)",
                stats.online.get(), enrolled, reconnected, stats.failedAgents.sum(), stats.failedAttempts.sum(),
                connectSpan, connectRate, kind));
        say("connect: attempt errors: " + stats.attemptErrors());
        say("connect: server CPU " + figures.getOrDefault("connect.server_cpu_pct", "?") + " % of a core ("
                + figures.getOrDefault("connect.server_cpu_threads", "") + "), load generator "
                + figures.get("connect.client_cpu_pct") + " % (" + figures.get("connect.client_cpu_threads") + ")");
        if (enrolled > 0) {
            say("connect: enroll handshake (connect → authenticated) " + stats.connectEnroll.describe());
        }
        if (reconnected > 0) {
            say("connect: reconnect handshake (connect → authenticated) " + stats.connectReconnect.describe());
        }
        say("heartbeat interval: " + (heartbeatSeconds > 0 ? heartbeatSeconds + " s (forced)"
                : setup.serverHeartbeatSeconds().get() + " s (the server's)") + ", previews every "
                + previewSeconds + " s per agent");

        // Settle, then the measured window.
        say("settle: " + settleSeconds + " s");
        Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
        long[] before = counters(stats);
        ProcCpu.Sample serverBefore = server == null ? null : server.sample();
        ProcCpu.Sample selfBefore = self.sample();
        int onlineBefore = stats.online.get();
        stats.heartbeatWindow.reset();
        long windowStartMillis = System.currentTimeMillis();
        say("WINDOW-START online=" + onlineBefore + " seconds=" + windowSeconds);
        long windowEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(windowSeconds);
        while (System.nanoTime() < windowEnd) {
            Thread.sleep(Math.min(30_000, Math.max(1, TimeUnit.NANOSECONDS.toMillis(windowEnd - System.nanoTime()))));
            say("window: online " + stats.online.get() + ", heartbeat round trip so far "
                    + stats.heartbeatWindow.describe());
        }
        ProcCpu.Sample serverAfter = server == null ? null : server.sample();
        ProcCpu.Sample selfAfter = self.sample();
        long[] after = counters(stats);
        double seconds = (selfAfter.nanos() - selfBefore.nanos()) / 1e9;
        Histogram window = stats.heartbeatWindow;
        long missing = all.stream().filter(SimulatedAgent::missesAcks).count();
        figures.put("window.seconds", format(seconds, 1));
        figures.put("window.start_epoch_ms", Long.toString(windowStartMillis));
        figures.put("window.end_epoch_ms", Long.toString(System.currentTimeMillis()));
        figures.put("window.online_start", Integer.toString(onlineBefore));
        figures.put("window.online_end", Integer.toString(stats.online.get()));
        figures.put("window.heartbeats_sent", Long.toString(after[0] - before[0]));
        figures.put("window.heartbeats_per_s", format((after[0] - before[0]) / seconds, 1));
        figures.put("window.heartbeat_acks", Long.toString(after[1] - before[1]));
        figures.put("window.agents_missing_acks", Long.toString(missing));
        figures.put("window.previews_sent", Long.toString(after[2] - before[2]));
        figures.put("window.previews_per_s", format((after[2] - before[2]) / seconds, 1));
        figures.put("window.preview_kb_per_s", format((after[3] - before[3]) / 1024.0 / seconds, 1));
        figures.put("window.preview_bytes_avg", Integer.toString(pictures.averageBytes()));
        figures.put("window.drops", Long.toString(after[4] - before[4]));
        figures.put("heartbeat.count", Long.toString(window.count()));
        figures.put("heartbeat.p50_ms", Histogram.millis(window.percentileNanos(0.50)));
        figures.put("heartbeat.p90_ms", Histogram.millis(window.percentileNanos(0.90)));
        figures.put("heartbeat.p99_ms", Histogram.millis(window.percentileNanos(0.99)));
        figures.put("heartbeat.p999_ms", Histogram.millis(window.percentileNanos(0.999)));
        figures.put("heartbeat.max_ms", Histogram.millis(window.maxNanos()));
        figures.put("heartbeat.mean_ms", Histogram.millis((long) window.meanNanos()));
        if (server != null) {
            figures.put("server.cpu_pct", format(server.percent(serverBefore, serverAfter), 2));
            figures.put("server.cpu_threads", describe(server.threadPercent(serverBefore, serverAfter)));
            figures.put("server.runqueue_waits", describeWaits(server.runQueueWaits(serverBefore, serverAfter, 6)));
        }
        figures.put("client.cpu_pct", format(self.percent(selfBefore, selfAfter), 2));
        figures.put("client.cpu_threads", describe(self.threadPercent(selfBefore, selfAfter)));
        figures.put("client.runqueue_waits", describeWaits(self.runQueueWaits(selfBefore, selfAfter, 4)));
        figures.put("drops.total", Long.toString(stats.dropped.sum()));
        figures.put("drops.reasons", stats.drops());
        figures.put("unexpected_messages", Long.toString(stats.unexpected.sum()));
        figures.put("commands_received", Long.toString(stats.commands.sum()));
        figures.put("heartbeat.all", stats.heartbeatAll.describe());
        write(results, figures);
        say("window: heartbeat round trip " + window.describe());
        say(String.format(Locale.ROOT, "window: %s heartbeats/s, %s previews/s (%s KB/s), server CPU %s %% of a core, "
                + "client CPU %s %%", figures.get("window.heartbeats_per_s"), figures.get("window.previews_per_s"),
                figures.get("window.preview_kb_per_s"), figures.getOrDefault("server.cpu_pct", "?"),
                figures.get("client.cpu_pct")));
        if (server != null) {
            say("window: server threads (% of a core): " + figures.get("server.cpu_threads"));
            say("window: server threads waiting for a CPU (ms per s, mean µs per run): "
                    + figures.get("server.runqueue_waits"));
        }
        say("window: client threads (% of a core): " + figures.get("client.cpu_threads"));
        say("WINDOW-END online=" + stats.online.get() + " results=" + results);

        // Hold the connections until stopped.
        while (true) {
            Thread.sleep(60_000);
            say("holding: online " + stats.online.get() + ", dropped " + stats.dropped.sum() + " (" + stats.drops()
                    + "), heartbeat round trip since start " + stats.heartbeatAll.describe());
        }
    }

    private static long[] counters(Stats stats) {
        return new long[]{stats.heartbeatsSent.sum(), stats.heartbeatAcks.sum(), stats.previewsSent.sum(),
                stats.previewBytes.sum(), stats.dropped.sum()};
    }

    private static String describe(Map<String, Double> percents) {
        return percents.entrySet().stream().limit(12)
                .map(e -> e.getKey() + " " + format(e.getValue(), 2))
                .collect(Collectors.joining("; "));
    }

    private static String describeWaits(Map<String, double[]> waits) {
        return waits.entrySet().stream()
                .map(e -> e.getKey() + " " + format(e.getValue()[0], 1) + " ms/s (" + format(e.getValue()[1], 0)
                        + " µs)")
                .collect(Collectors.joining("; "));
    }

    private static void write(Path file, Map<String, String> figures) throws IOException {
        StringBuilder text = new StringBuilder("# Simulated agents' figures (bench/agents)\n");
        figures.forEach((k, v) -> text.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        Path temporary = file.resolveSibling(file.getFileName() + ".part");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static void say(String line) {
        OUT.println("[" + LocalTime.now().format(TIME) + "] " + line);
    }

    private static String format(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Options are --name value pairs, not '" + args[i] + "'");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int integer(Map<String, String> options, String name, int fallback) {
        String value = options.get(name);
        return value == null ? fallback : Integer.parseInt(value.strip());
    }
}
