package io.helmdesk.agent.desktop.internal.x11;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An Xvfb of the test's own, on a display number nobody uses, so the test knows the exact screen (and no other test
 * or engineer draws on it). Display numbers start at 150, above those {@code xvfb-run -a} takes.
 */
public final class XvfbServer implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/Xvfb");
    private static final int FIRST_DISPLAY = 150;
    private static final int ATTEMPTS = 60;

    private final Process process;
    private final int number;

    private XvfbServer(Process process, int number) {
        this.process = process;
        this.number = number;
    }

    /**
     * Starts {@code Xvfb :N -screen 0 WIDTHxHEIGHTx24 -nolisten tcp} plus {@code extraArguments} (such as
     * {@code -extension MIT-SHM}); skips the test if Xvfb is not installed.
     */
    public static XvfbServer start(int width, int height, String... extraArguments)
            throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(BINARY), BINARY + " is not installed");
        for (int number = FIRST_DISPLAY; number < FIRST_DISPLAY + ATTEMPTS; number++) {
            if (Files.exists(Path.of("/tmp/.X" + number + "-lock"))
                    || Files.exists(Path.of("/tmp/.X11-unix/X" + number))) {
                continue;
            }
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), ":" + number, "-screen", "0",
                    width + "x" + height + "x24", "-nolisten", "tcp"));
            command.addAll(List.of(extraArguments));
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Path socket = Path.of("/tmp/.X11-unix/X" + number);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (process.isAlive() && !Files.exists(socket) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            if (process.isAlive() && Files.exists(socket)) {
                return new XvfbServer(process, number);
            }
            process.destroyForcibly().waitFor(); // another server took the number meanwhile: try the next
        }
        throw new IllegalStateException("no free display number from :" + FIRST_DISPLAY);
    }

    public String display() {
        return ":" + number;
    }

    /** Ends the server at once, as a crash or a logout would, then removes the lock and socket it could not. */
    public void kill() throws InterruptedException, IOException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        Files.deleteIfExists(Path.of("/tmp/.X" + number + "-lock"));
        Files.deleteIfExists(Path.of("/tmp/.X11-unix/X" + number));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
