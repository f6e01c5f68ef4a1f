package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A virtual X display of its own for a test, e.g. {@code :57} at 1280x800x24, and screenshots of it. Needs Debian's
 * {@code xvfb} and {@code imagemagick} (for {@code import}).
 */
public final class Xvfb implements AutoCloseable {

    private static final Path SOCKETS = Path.of("/tmp/.X11-unix");

    private final int number;
    private final Process server;

    private Xvfb(int number, Process server) {
        this.number = number;
        this.server = server;
    }

    /** Starts Xvfb on the first free display number from 50 and waits until it accepts connections. */
    public static Xvfb start(int width, int height) throws IOException, InterruptedException {
        for (int number = 50; number < 150; number++) {
            if (Files.exists(Path.of("/tmp/.X" + number + "-lock")) || Files.exists(SOCKETS.resolve("X" + number))) {
                continue;
            }
            Process server = new ProcessBuilder("Xvfb", ":" + number, "-screen", "0", width + "x" + height + "x24",
                    "-nolisten", "tcp").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && server.isAlive()) {
                if (Files.exists(SOCKETS.resolve("X" + number))) {
                    // The socket may be another server's that won the race for this number: ours then exits.
                    Thread.sleep(300);
                    if (server.isAlive()) {
                        return new Xvfb(number, server);
                    }
                    break;
                }
                Thread.sleep(50);
            }
            server.destroy();
            // Lost a race for this number with another display: try the next one.
        }
        throw new IOException("Could not start Xvfb on any display from :50 to :149 (is the xvfb package installed?)");
    }

    /** The value of DISPLAY for programs that should draw here. */
    public String display() {
        return ":" + number;
    }

    /** Saves the whole screen as PNG. */
    public Path screenshot(Path file) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        Process shot = new ProcessBuilder("import", "-display", display(), "-window", "root", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(shot.getInputStream().readAllBytes());
        if (!shot.waitFor(30, TimeUnit.SECONDS) || shot.exitValue() != 0) {
            throw new IOException("Screenshot of " + display() + " failed: " + output);
        }
        return file;
    }

    @Override
    public void close() throws InterruptedException {
        server.destroy();
        server.waitFor(10, TimeUnit.SECONDS);
    }
}
