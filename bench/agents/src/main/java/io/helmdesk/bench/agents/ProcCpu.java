package io.helmdesk.bench.agents;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of a process and of its threads, from {@code /proc/<pid>/stat} and {@code /proc/<pid>/task/<tid>/stat}
 * (user + system, in clock ticks). Threads are grouped by name without their number ("NioProcessor-3" →
 * "NioProcessor"), so a window's CPU can be told by what spent it.
 */
final class ProcCpu {

    /**
     * One reading. Per thread group: CPU ticks, and from {@code schedstat} the nanoseconds its threads waited runnable
     * for a CPU and the number of times they were put on one.
     */
    record Sample(long nanos, long ticks, Map<String, Long> threadTicks, Map<String, Long> threadWaitNanos,
            Map<String, Long> threadRuns) {
    }

    private final String pid;
    private final int ticksPerSecond;

    ProcCpu(String pid, int ticksPerSecond) {
        this.pid = pid;
        this.ticksPerSecond = ticksPerSecond;
    }

    Sample sample() {
        long now = System.nanoTime();
        long ticks = ticks(Path.of("/proc", pid, "stat"));
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> waits = new HashMap<>();
        Map<String, Long> runs = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc", pid, "task"))) {
            for (Path task : tasks) {
                String line = read(task.resolve("stat"));
                if (line == null) {
                    continue;
                }
                String group = group(comm(line));
                threads.merge(group, ticksOf(line), Long::sum);
                String schedstat = read(task.resolve("schedstat"));
                if (schedstat != null) {
                    String[] fields = schedstat.strip().split(" ");
                    if (fields.length >= 3) {
                        waits.merge(group, Long.parseLong(fields[1]), Long::sum);
                        runs.merge(group, Long.parseLong(fields[2]), Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            // the process ended: no thread breakdown
        }
        return new Sample(now, ticks, threads, waits, runs);
    }

    /** CPU between two readings, in percent of one core. */
    double percent(Sample from, Sample to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        return seconds <= 0 ? 0 : 100.0 * (to.ticks() - from.ticks()) / ticksPerSecond / seconds;
    }

    /** Per thread group, percent of one core between two readings, largest first (groups above 0.05 %). */
    Map<String, Double> threadPercent(Sample from, Sample to) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, Double> result = new LinkedHashMap<>();
        to.threadTicks().entrySet().stream()
                .map(e -> Map.entry(e.getKey(),
                        100.0 * (e.getValue() - from.threadTicks().getOrDefault(e.getKey(), 0L)) / ticksPerSecond
                                / seconds))
                .filter(e -> e.getValue() >= 0.05)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    /**
     * Per thread group with CPU between the readings (largest first): milliseconds per second its threads waited
     * runnable for a CPU, and the mean wait each time one was put on a CPU, in microseconds.
     */
    Map<String, double[]> runQueueWaits(Sample from, Sample to, int limit) {
        double seconds = (to.nanos() - from.nanos()) / 1e9;
        Map<String, double[]> result = new LinkedHashMap<>();
        threadPercent(from, to).keySet().stream().limit(limit).forEach(group -> {
            long wait = to.threadWaitNanos().getOrDefault(group, 0L) - from.threadWaitNanos().getOrDefault(group, 0L);
            long runs = to.threadRuns().getOrDefault(group, 0L) - from.threadRuns().getOrDefault(group, 0L);
            result.put(group, new double[]{wait / 1e6 / seconds, runs == 0 ? 0 : wait / 1e3 / runs});
        });
        return result;
    }

    private static long ticks(Path stat) {
        String line = read(stat);
        return line == null ? 0 : ticksOf(line);
    }

    private static long ticksOf(String line) {
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        // fields[0] is field 3 (state): utime is field 14, stime field 15
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static String comm(String line) {
        return line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
    }

    static String group(String name) {
        String previous;
        String current = name.strip();
        do {
            previous = current;
            current = current.replaceAll("[-#_ ]?\\d+$", "").replaceAll("[-#_ ]+$", "");
        } while (!current.equals(previous) && !current.isEmpty());
        return current.isEmpty() ? name : current;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }
}
