package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A person at the keyboard of an {@link Xvfb} display: typing into the focused window and pressing keys through the
 * X test extension, with Debian's {@code xdotool}. Keys go wherever the X input focus is, as real ones do.
 */
public final class Xdotool {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Xvfb display;

    public Xdotool(Xvfb display) {
        this.display = display;
    }

    /** Waits until a window whose title matches the pattern is mapped; returns its X window id. */
    public String awaitWindow(String titlePattern, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            Result found = run("search", "--onlyvisible", "--name", titlePattern);
            if (found.exit() == 0 && !found.output().isBlank()) {
                return found.output().strip().lines().findFirst().orElseThrow();
            }
            last = found.output();
            Thread.sleep(200);
        }
        throw new AssertionError("No window named " + titlePattern + " on " + display.display() + " within " + timeout
                + ": " + last);
    }

    /** Types text into the focused window, one key at a time. */
    public void type(String text) throws IOException, InterruptedException {
        check(run("type", "--delay", "40", "--", text), "type");
    }

    /** Presses keys in turn, e.g. {@code Tab}, {@code Return}. */
    public void key(String... keys) throws IOException, InterruptedException {
        List<String> arguments = new ArrayList<>(List.of("key", "--delay", "60"));
        arguments.addAll(List.of(keys));
        check(run(arguments.toArray(String[]::new)), "key " + String.join(" ", keys));
    }

    private void check(Result result, String what) {
        if (result.exit() != 0) {
            throw new AssertionError("xdotool " + what + " on " + display.display() + " failed (exit "
                    + result.exit() + "): " + result.output());
        }
    }

    private Result run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display.display());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IOException("Cannot run xdotool (is the xdotool package installed?): " + e.getMessage(), e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("xdotool " + String.join(" ", arguments) + " did not end within " + TIMEOUT);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exit, String output) {
    }
}
