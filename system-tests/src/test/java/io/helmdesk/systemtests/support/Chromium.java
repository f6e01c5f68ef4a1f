package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium, run once per call against a page: the DOM after its scripts ran, or a screenshot.
 * The flags keep it off the network (this machine has none) and out of the user's profile.
 */
public final class Chromium {

    private static final long VIRTUAL_TIME_BUDGET_MILLIS = 5_000;

    private final Path profiles;

    public Chromium(Path work) {
        this.profiles = work.resolve("chromium-profiles");
    }

    /** The page's DOM, serialised, after its scripts had up to 5 s of virtual time. */
    public String dumpDom(String url) throws IOException, InterruptedException {
        return run(List.of("--dump-dom", url));
    }

    /** A PNG of the page at the given window size. */
    public Path screenshot(String url, Path file, int width, int height) throws IOException, InterruptedException {
        Files.createDirectories(file.getParent());
        run(List.of("--screenshot=" + file.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url));
        if (!Files.isRegularFile(file)) {
            throw new IOException("Chromium wrote no screenshot to " + file);
        }
        return file;
    }

    private String run(List<String> arguments) throws IOException, InterruptedException {
        Files.createDirectories(profiles);
        List<String> command = new ArrayList<>(List.of(executable(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage",
                "--user-data-dir=" + Files.createTempDirectory(profiles, "p"),
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MILLIS));
        command.addAll(arguments);
        Process browser = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String output = new String(browser.getInputStream().readAllBytes());
        if (!browser.waitFor(60, TimeUnit.SECONDS)) {
            browser.destroyForcibly();
            throw new IOException("Chromium did not finish within 60 s: " + command);
        }
        if (browser.exitValue() != 0) {
            throw new IOException("Chromium failed (exit " + browser.exitValue() + "): " + command);
        }
        return output;
    }

    private static String executable() throws IOException {
        for (String candidate : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IOException("Chromium is not installed: apt-get install chromium");
    }
}
