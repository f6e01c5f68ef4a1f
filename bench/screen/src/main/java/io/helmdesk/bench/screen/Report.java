package io.helmdesk.bench.screen;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * Turns the systems' result files of one run into Markdown tables.
 *
 * <pre>
 * Report --out result.md --header header.md --subject Helmdesk --reference X0tigervnc a.properties b.properties ...
 * </pre>
 */
public final class Report {

    private Report() {
    }

    public static void main(String[] args) throws IOException {
        List<String> files = new ArrayList<>();
        String outFile = null;
        String header = null;
        String subject = "Helmdesk";
        String reference = "X0tigervnc";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> outFile = args[++i];
                case "--header" -> header = args[++i];
                case "--subject" -> subject = args[++i];
                case "--reference" -> reference = args[++i];
                default -> files.add(args[i]);
            }
        }
        List<Properties> systems = new ArrayList<>();
        for (String file : files) {
            Properties p = new Properties();
            try (Reader reader = Files.newBufferedReader(Path.of(file))) {
                p.load(reader);
            }
            systems.add(p);
        }
        StringBuilder md = new StringBuilder();
        if (header != null) {
            md.append(Files.readString(Path.of(header))).append('\n');
        }
        md.append(tables(systems, subject, reference));
        if (outFile != null) {
            Files.writeString(Path.of(outFile), md);
        }
        System.out.print(md);
    }

    static String tables(List<Properties> systems, String subject, String reference) {
        Set<String> workloads = new LinkedHashSet<>();
        for (Properties p : systems) {
            for (String w : p.getProperty("workloads", "").split(",")) {
                if (!w.isBlank()) {
                    workloads.add(w);
                }
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("### Bytes on the wire (KB/s, 1 KB = 1024 bytes)\n\n");
        table(md, systems, workloads, (p) -> w -> kb(p.getProperty(w + ".bytes_per_s")));
        md.append("\n### Frames (screen updates) delivered per second\n\n");
        table(md, systems, workloads, (p) -> w -> num(p.getProperty(w + ".frames_per_s"), 1));
        md.append("\n### CPU of the capturing process, % of one core (Xvfb in parentheses)\n\n");
        table(md, systems, workloads, (p) -> w -> {
            String server = num(p.getProperty(w + ".cpu.server"), 1);
            String xvfb = num(p.getProperty(w + ".cpu.xvfb"), 1);
            if (server.isEmpty()) {
                return "";
            }
            return server + (xvfb.isEmpty() ? "" : " (" + xvfb + ")");
        });
        md.append("\n### Marker latency p50 / p90 (ms); flips seen of flips drawn\n\n");
        table(md, systems, workloads, (p) -> w -> {
            String p50 = p.getProperty(w + ".marker.p50_ms");
            String flips = p.getProperty(w + ".marker.flips");
            if (p50 == null) {
                return flips == null || flips.equals("0") ? "–" : "none seen of " + flips;
            }
            return num(p50, 1) + " / " + num(p.getProperty(w + ".marker.p90_ms"), 1) + " ("
                    + p.getProperty(w + ".marker.seen") + "/" + flips + ")";
        });
        Properties subjectResult = find(systems, subject);
        targets(md, workloads, subject, subjectResult, reference, find(systems, reference), "");
        // Helmdesk is always encrypted: against the reference inside TLS too, when the run has it
        targets(md, workloads, subject, subjectResult, reference + " TLS", find(systems, reference + " TLS"),
                ", both encrypted");
        md.append("\n");
        for (Properties p : systems) {
            md.append("- **").append(p.getProperty("system")).append("**: ").append(p.getProperty("settings", "?"))
                    .append("; bytes = ").append(p.getProperty("bytes_meaning", "?"));
            if (p.getProperty("rectangles") != null) {
                md.append("; rectangles received: ").append(p.getProperty("rectangles"));
            }
            StringBuilder late = new StringBuilder();
            for (String w : workloads) {
                String n = p.getProperty(w + ".player_late_frames");
                if (n != null && !n.equals("0")) {
                    late.append(late.isEmpty() ? "" : ", ").append(w).append(' ').append(n);
                }
            }
            if (!late.isEmpty()) {
                md.append("; the player was late (CPU contention) for frames in: ").append(late);
            }
            String other = otherCpu(p, workloads);
            if (!other.isEmpty()) {
                md.append("; other CPU (% of one core) ").append(other);
            }
            if (p.getProperty("failure") != null) {
                md.append("; **failed: ").append(p.getProperty("failure")).append("**");
            }
            for (String w : workloads) {
                if (p.getProperty(w + ".failure") != null) {
                    md.append("; **").append(w).append(" failed: ").append(p.getProperty(w + ".failure")).append("**");
                }
            }
            if (!"1".equals(p.getProperty("connections", "1"))) {
                md.append("; ").append(p.getProperty("connections")).append(" connections (sessions) were needed");
            }
            if (p.getProperty("relay_counts") != null) {
                md.append("; the relay's counts per session: ").append(p.getProperty("relay_counts"));
            }
            md.append(".\n");
        }
        return md.toString();
    }

    /** CPU of the processes other than the server and Xvfb (relay, the bench JVM), per workload. */
    private static String otherCpu(Properties p, Set<String> workloads) {
        StringBuilder text = new StringBuilder();
        for (String name : p.getProperty("cpu_processes", "").split(",")) {
            if (name.isBlank() || name.equals("server") || name.equals("xvfb")) {
                continue;
            }
            text.append(text.isEmpty() ? "" : "; ").append(name).append(':');
            for (String w : workloads) {
                String v = num(p.getProperty(w + ".cpu." + name), 1);
                if (!v.isEmpty()) {
                    text.append(' ').append(w).append(' ').append(v);
                }
            }
        }
        return text.toString();
    }

    private static void targets(StringBuilder md, Set<String> workloads, String subject, Properties subjectResult,
            String reference, Properties referenceResult, String note) {
        if (subjectResult != null && referenceResult != null) {
            md.append("\n### ").append(subject).append(" against ").append(reference)
                    .append(" (the issue's targets, as ratios").append(note)
                    .append("; nothing is asserted)\n\n");
            md.append("| workload | bytes/s ").append(subject).append(" ÷ ").append(reference)
                    .append(" | bytes target | marker p50 ").append(subject).append(" ÷ ").append(reference)
                    .append(" | latency target |\n|---|---|---|---|---|\n");
            for (String w : workloads) {
                if (subjectResult.getProperty(w + ".failure") != null
                        || referenceResult.getProperty(w + ".failure") != null) {
                    md.append("| ").append(w).append(" | failed | – | failed | – |\n");
                    continue;
                }
                double bytesRatio = ratio(subjectResult.getProperty(w + ".bytes_per_s"),
                        referenceResult.getProperty(w + ".bytes_per_s"));
                boolean strict = w.equals("scroll") || w.equals("move");
                String bytesTarget;
                if (Double.isNaN(bytesRatio)) {
                    bytesTarget = "n/a";
                } else if (strict) {
                    bytesTarget = bytesRatio < 1 ? "met (< 1)" : "**missed** (must be < 1)";
                } else {
                    bytesTarget = bytesRatio <= 1 ? "met (≤ 1)" : "**missed** (must be ≤ 1)";
                }
                double latencyRatio = ratio(subjectResult.getProperty(w + ".marker.p50_ms"),
                        referenceResult.getProperty(w + ".marker.p50_ms"));
                String latencyTarget = Double.isNaN(latencyRatio) ? "–"
                        : w.equals("marker")
                                ? (latencyRatio <= 1 ? "met (≤ 1)" : "**missed** (must be ≤ 1)")
                                : "(under load: no target)";
                String ratio = ratioText(bytesRatio);
                if (w.equals("marker") && !Double.isNaN(bytesRatio)) {
                    // 0.1 or 0.2 KB/s in the tables: the bytes of one flip say more
                    ratio += " (" + perFlip(subjectResult) + " ÷ " + perFlip(referenceResult) + " bytes a flip)";
                }
                md.append("| ").append(w).append(" | ").append(ratio).append(" | ")
                        .append(bytesTarget).append(" | ").append(ratioText(latencyRatio)).append(" | ")
                        .append(latencyTarget).append(" |\n");
            }
        }
    }

    private static String perFlip(Properties result) {
        double flips = Double.parseDouble(result.getProperty("marker.marker.flips", "0"));
        return flips == 0 ? "?"
                : String.format(Locale.ROOT, "%.1f", Double.parseDouble(result.getProperty("marker.bytes", "0")) / flips);
    }

    private static Properties find(List<Properties> systems, String name) {
        for (Properties p : systems) {
            if (name.equals(p.getProperty("system"))) {
                return p;
            }
        }
        return null;
    }

    private static void table(StringBuilder md, List<Properties> systems, Set<String> workloads,
            Function<Properties, Function<String, String>> cell) {
        md.append("| workload |");
        for (Properties p : systems) {
            md.append(' ').append(p.getProperty("system")).append(" |");
        }
        md.append("\n|---|");
        md.append("---|".repeat(systems.size()));
        md.append('\n');
        for (String w : workloads) {
            md.append("| ").append(w).append(" |");
            for (Properties p : systems) {
                String v = p.getProperty(w + ".failure") != null ? "**failed**"
                        : p.getProperty(w + ".seconds") == null ? "" : cell.apply(p).apply(w);
                md.append(' ').append(v.isEmpty() ? "–" : v).append(" |");
            }
            md.append('\n');
        }
    }

    private static String kb(String bytesPerSecond) {
        if (bytesPerSecond == null || bytesPerSecond.isBlank()) {
            return "";
        }
        double kb = Double.parseDouble(bytesPerSecond) / 1024;
        return kb >= 100 ? String.format(Locale.ROOT, "%,.0f", kb) : String.format(Locale.ROOT, "%.1f", kb);
    }

    private static String num(String value, int decimals) {
        if (value == null || value.isBlank()) {
            return "";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", Double.parseDouble(value));
    }

    private static double ratio(String a, String b) {
        if (a == null || b == null || a.isBlank() || b.isBlank()) {
            return Double.NaN;
        }
        double denominator = Double.parseDouble(b);
        return denominator == 0 ? Double.NaN : Double.parseDouble(a) / denominator;
    }

    private static String ratioText(double ratio) {
        return Double.isNaN(ratio) ? "–" : String.format(Locale.ROOT, "%.2f", ratio);
    }
}
