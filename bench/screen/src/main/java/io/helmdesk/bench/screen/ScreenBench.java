package io.helmdesk.bench.screen;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One system's part of the benchmark, in one JVM: the player draws the workloads on the display, the client (RFB or
 * Helmdesk's viewer) receives the screen, and this measures each workload after a settling time: bytes on the wire,
 * frames, the CPU of the given processes (/proc), and the marker's latency. Results go to a properties file that
 * {@link Report} turns into Markdown.
 *
 * <pre>
 * ScreenBench --display :77 --system X0tigervnc --protocol rfb --port 5977 --encoding tight --quality 8
 *             --cpu server=1234,xvfb=1200 --results out.properties --work dir
 * ScreenBench --display :77 --system Helmdesk --protocol helmdesk --relay-host 127.0.0.1 --relay-port 7444
 *             --relay-pin HEX --ticket T --cpu server=1300,xvfb=1200,relay=1250 --results out.properties --work dir
 * </pre>
 */
public final class ScreenBench {

    private ScreenBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String display = options.getOrDefault("display", System.getenv("DISPLAY"));
        String system = options.getOrDefault("system", "system");
        String protocol = options.getOrDefault("protocol", "rfb");
        Path work = Files.createDirectories(Path.of(options.getOrDefault("work", "work")));
        Path results = Path.of(options.getOrDefault("results", work.resolve(system + ".properties").toString()));
        int settle = Integer.parseInt(options.getOrDefault("settle", "4"));
        int window = Integer.parseInt(options.getOrDefault("window", "15"));
        long clkTck = Long.parseLong(options.getOrDefault("clk-tck", "100"));
        List<Player.Workload> workloads = new ArrayList<>();
        for (String id : options.getOrDefault("workloads", "idle,marker,scroll,move,fullscreen,video,noise")
                .split(",")) {
            workloads.add(Player.Workload.of(id));
        }
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (String entry : options.getOrDefault("cpu", "").split(",")) {
            if (!entry.isBlank()) {
                String[] pair = entry.split("=", 2);
                cpu.put(pair[0].strip(), Long.parseLong(pair[1].strip()));
            }
        }
        cpu.put("bench", ProcessHandle.current().pid());

        Map<String, String> out = new LinkedHashMap<>();
        out.put("system", system);
        out.put("protocol", protocol);
        out.put("settle_seconds", Integer.toString(settle));
        out.put("window_seconds", Integer.toString(window));
        out.put("workloads", String.join(",", workloads.stream().map(w -> w.id).toList()));
        out.put("cpu_processes", String.join(",", cpu.keySet()));

        MarkerProbe probe = new MarkerProbe();
        Player player = new Player(display, work, probe);
        int markerX = Player.MARKER_X + Player.MARKER_SIZE / 2;
        int markerY = Player.MARKER_Y + Player.MARKER_SIZE / 2;
        HelmdeskSessions sessions = protocol.equals("helmdesk")
                ? new HelmdeskSessions(options.get("api"), options.get("token"), options.get("device"), display, work,
                        probe)
                : null;
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "3"));
        Viewer viewer = null;
        int connections = 0;
        try {
            player.start();
            log("Player ready on " + display + ": wallpaper and marker shown");
            for (Player.Workload workload : workloads) {
                if (viewer != null && viewer.failure() != null) {
                    if (sessions == null) {
                        break; // a VNC connection is not made again: the server failed
                    }
                    log("The session is over (" + viewer.failure() + "): a new one for the next workload");
                    viewer.close();
                    viewer = null;
                }
                if (viewer == null) {
                    connections++;
                    if (sessions != null) {
                        viewer = sessions.open(markerX, markerY);
                    } else {
                        viewer = RfbClient.connect(options.getOrDefault("host", "127.0.0.1"),
                                Integer.parseInt(options.get("port")),
                                RfbClient.Encoding.valueOf(options.getOrDefault("encoding", "tight")
                                        .toUpperCase(Locale.ROOT)),
                                Integer.parseInt(options.getOrDefault("quality", "8")),
                                Integer.parseInt(options.getOrDefault("compression", "2")),
                                Boolean.parseBoolean(options.getOrDefault("tls", "false")), probe, markerX, markerY);
                    }
                    out.put("settings", viewer.settings());
                    out.put("bytes_meaning", viewer.bytesMeaning());
                    awaitFirstPicture(viewer);
                    log("CONNECTED: " + viewer.settings() + "; first picture " + viewer.frames() + " frames, "
                            + viewer.bytes() + " bytes");
                    if (sessions != null) {
                        sessions.hideAgentWindows();
                        log("Hid the agent's windows");
                    }
                    Thread.sleep(TimeUnit.SECONDS.toMillis(warmup));
                }
                try {
                    measure(workload, player, viewer, probe, cpu, clkTck, settle, window, out, options, display);
                } catch (Exception e) {
                    out.put(workload.id + ".failure", e.toString());
                    log("FAILED in " + workload.id + ": " + e);
                    player.end();
                }
                if (viewer.failure() != null) {
                    out.putIfAbsent(workload.id + ".failure", viewer.failure());
                    log("FAILED in " + workload.id + ": " + viewer.failure());
                }
            }
            if (viewer instanceof RfbClient rfb) {
                out.put("rectangles", rfb.rectangleCounts());
            }
        } catch (Exception e) {
            out.put("failure", e.toString());
            log("FAILED: " + e);
            e.printStackTrace();
        } finally {
            out.put("connections", Integer.toString(connections));
            if (viewer != null) {
                viewer.close();
            }
            if (sessions != null) {
                Thread.sleep(1000);
                out.put("relay_counts", sessions.relayCounts());
            }
            write(results, out);
            player.close();
        }
        log("Results in " + results);
        System.exit(out.containsKey("failure") ? 1 : 0);
    }

    private static void awaitFirstPicture(Viewer viewer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long frames = 0;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (viewer.failure() != null) {
                throw new IOException("The viewer stopped: " + viewer.failure());
            }
            long now = viewer.frames();
            if (now != frames) {
                frames = now;
                quietSince = System.nanoTime();
            } else if (frames > 0 && System.nanoTime() - quietSince > TimeUnit.MILLISECONDS.toNanos(1000)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IOException("No complete first picture within 60 s (" + frames + " frames)");
    }

    private static void measure(Player.Workload workload, Player player, Viewer viewer, MarkerProbe probe,
            Map<String, Long> cpu, long clkTck, int settle, int window, Map<String, String> out,
            Map<String, String> options, String display) throws Exception {
        String w = workload.id;
        log("WORKLOAD " + w + ": " + workload.description);
        player.begin(workload);
        Thread.sleep(TimeUnit.SECONDS.toMillis(settle));
        long[] cpu0 = new long[cpu.size()];
        int i = 0;
        for (long pid : cpu.values()) {
            cpu0[i++] = ProcCpu.ticks(pid);
        }
        long bytes0 = viewer.bytes();
        long frames0 = viewer.frames();
        long drawn0 = player.drawnFrames();
        long late0 = player.lateFrames();
        long t0 = System.nanoTime();
        probe.startWindow();
        if (options.containsKey("screenshots")) {
            Thread.sleep(TimeUnit.SECONDS.toMillis(window) / 2);
            screenshot(display, Path.of(options.get("screenshots")).resolve(w + ".png"));
            Thread.sleep(TimeUnit.SECONDS.toMillis(window) - TimeUnit.SECONDS.toMillis(window) / 2);
        } else {
            Thread.sleep(TimeUnit.SECONDS.toMillis(window));
        }
        long bytes1 = viewer.bytes();
        long frames1 = viewer.frames();
        long t1 = System.nanoTime();
        long[] cpu1 = new long[cpu.size()];
        i = 0;
        for (long pid : cpu.values()) {
            cpu1[i++] = ProcCpu.ticks(pid);
        }
        long drawn = player.drawnFrames() - drawn0;
        long late = player.lateFrames() - late0;
        probe.closeWindow();
        Thread.sleep(1000); // flips drawn just before the end may still be on their way
        MarkerProbe.Window marker = probe.results();
        player.end();

        double seconds = (t1 - t0) / 1e9;
        out.put(w + ".seconds", fmt(seconds));
        out.put(w + ".bytes", Long.toString(bytes1 - bytes0));
        out.put(w + ".bytes_per_s", fmt((bytes1 - bytes0) / seconds));
        out.put(w + ".frames", Long.toString(frames1 - frames0));
        out.put(w + ".frames_per_s", fmt((frames1 - frames0) / seconds));
        out.put(w + ".player_frames_per_s", fmt(drawn / seconds));
        out.put(w + ".player_late_frames", Long.toString(late));
        i = 0;
        StringBuilder cpuLine = new StringBuilder();
        for (String name : cpu.keySet()) {
            double pct = cpu0[i] < 0 || cpu1[i] < 0 ? Double.NaN : 100.0 * (cpu1[i] - cpu0[i]) / clkTck / seconds;
            out.put(w + ".cpu." + name, fmt(pct));
            cpuLine.append(name).append(' ').append(fmt(pct)).append("% ");
            i++;
        }
        List<Long> latencies = new ArrayList<>(marker.latenciesNanos());
        latencies.sort(null);
        out.put(w + ".marker.flips", Long.toString(marker.flipsDrawn()));
        out.put(w + ".marker.seen", Integer.toString(latencies.size()));
        out.put(w + ".marker.missed", Long.toString(marker.missed()));
        out.put(w + ".marker.early", Long.toString(marker.early()));
        if (!latencies.isEmpty()) {
            out.put(w + ".marker.p50_ms", fmt(percentile(latencies, 50) / 1e6));
            out.put(w + ".marker.p90_ms", fmt(percentile(latencies, 90) / 1e6));
            out.put(w + ".marker.max_ms", fmt(latencies.getLast() / 1e6));
        }
        log(String.format(Locale.ROOT, "  %s: %.1f KB/s, %.1f frames/s, CPU %s| marker %d/%d seen, p50 %s ms, "
                + "p90 %s ms, %d before XSync returned | player %.1f frames/s (%d late)", w,
                (bytes1 - bytes0) / seconds / 1024, (frames1 - frames0) / seconds, cpuLine, latencies.size(),
                marker.flipsDrawn(),
                out.getOrDefault(w + ".marker.p50_ms", "-"), out.getOrDefault(w + ".marker.p90_ms", "-"),
                marker.early(), drawn / seconds, late));
    }

    private static void screenshot(String display, Path file) {
        try {
            Files.createDirectories(file.getParent());
            Process xwd = new ProcessBuilder("/usr/bin/import", "-display", display, "-window", "root", file.toString())
                    .redirectErrorStream(true).start();
            xwd.getInputStream().readAllBytes();
            xwd.waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            log("No screenshot: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Nearest-rank percentile of a sorted list. */
    static long percentile(List<Long> sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.clamp(rank - 1, 0, sorted.size() - 1));
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static void write(Path file, Map<String, String> values) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer writer = Files.newBufferedWriter(file)) {
            for (Map.Entry<String, String> entry : values.entrySet()) {
                writer.write(entry.getKey() + "=" + entry.getValue().replace("\n", " ") + "\n");
            }
        }
    }

    static void log(String line) {
        System.out.println("[" + java.time.LocalTime.now().format(java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss"))
                + "] " + line);
        System.out.flush();
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument " + args[i]);
            }
            String key = args[i].substring(2);
            String value = i + 1 < args.length && !args[i + 1].startsWith("--") ? args[++i] : "true";
            options.put(key, value);
        }
        return options;
    }
}
