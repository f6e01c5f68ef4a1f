package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Helmdesk product started by its launch script, as a person starts it: output goes to a file the test reads,
 * {@link #close()} sends SIGTERM and waits for the process to end.
 */
public final class ProductProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final Path output;

    private ProductProcess(String name, Process process, Path output) {
        this.name = name;
        this.process = process;
        this.output = output;
    }

    /** Starts a launch script with extra environment variables; its output goes to {@code <work>/<name>.out}. */
    public static ProductProcess start(String name, Path script, Path work, Map<String, String> environment,
            String... arguments) throws IOException {
        Files.createDirectories(work);
        Path output = work.resolve(name + ".out");
        ProcessBuilder builder = new ProcessBuilder(
                concat(List.of(script.toString()), List.of(arguments))).redirectErrorStream(true)
                .redirectOutput(output.toFile()).directory(work.toFile());
        builder.environment().putAll(environment);
        return new ProductProcess(name, builder.start(), output);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    /** Waits until the output has a line matching the pattern and returns the match; fails with the output. */
    public Matcher awaitOutput(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(output());
            if (matcher.find()) {
                return matcher;
            }
            if (!process.isAlive()) {
                throw new AssertionError(name + " ended (exit " + process.exitValue() + ") before printing " + pattern
                        + ":\n" + output());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not print " + pattern + " within " + timeout + ":\n" + output());
            }
            Thread.sleep(100);
        }
    }

    public String output() throws IOException {
        return Files.readString(output);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself; fails if it runs on. */
    public int awaitExit(Duration timeout) throws InterruptedException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within " + timeout + ":\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM, as a service manager does, and waits for the end; returns the exit status. */
    public int stop(Duration timeout) throws InterruptedException, IOException {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Kills the process at once (SIGKILL), as a crash or a power cut would end it. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException, IOException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
