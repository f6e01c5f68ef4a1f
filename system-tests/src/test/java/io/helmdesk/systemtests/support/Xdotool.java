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

    /** Moves the pointer to a point of the screen (input of the local user, as the agent sees it). */
    public void moveTo(int x, int y) throws IOException, InterruptedException {
        check(run("mousemove", "--sync", Integer.toString(x), Integer.toString(y)), "mousemove");
    }

    /**
     * Clicks the left button at a point of a window, given as fractions of its size from its top left corner; e.g.
     * (0.25, 1.0, -20) is a quarter across, 20 pixels above the bottom edge.
     */
    public void clickIn(String window, double across, double down, int offsetY) throws IOException,
            InterruptedException {
        Result geometry = run("getwindowgeometry", "--shell", window);
        check(geometry, "getwindowgeometry");
        java.util.Map<String, Integer> values = new java.util.HashMap<>();
        for (String line : geometry.output().lines().toList()) {
            String[] pair = line.split("=", 2);
            if (pair.length == 2 && pair[1].matches("-?\\d+")) {
                values.put(pair[0], Integer.parseInt(pair[1]));
            }
        }
        int x = values.get("X") + (int) (values.get("WIDTH") * across);
        int y = values.get("Y") + (int) (values.get("HEIGHT") * down) + offsetY;
        moveTo(x, y);
        check(run("click", "1"), "click");
    }

    /**
     * Gives a window the keyboard focus, as a person clicking into it would with a window manager (there is none on
     * these displays).
     */
    public void focus(String window) throws IOException, InterruptedException {
        check(run("windowfocus", "--sync", window), "windowfocus");
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
