package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Where the build put the products, and a fresh folder for each test's data. */
public final class Products {

    private Products() {
    }

    public static Path serverHome() {
        return existing("helmdesk.server.home");
    }

    public static Path consoleHome() {
        return existing("helmdesk.console.home");
    }

    /** Unpacks the agent's Linux distribution into a new folder, as a person does with the download. */
    public static Path unpackAgent(Path into) throws IOException, InterruptedException {
        Path archive = existing("helmdesk.agent.archive");
        Files.createDirectories(into);
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", into.toString()).inheritIO().start();
        if (!tar.waitFor(60, TimeUnit.SECONDS) || tar.exitValue() != 0) {
            throw new IOException("Could not unpack " + archive);
        }
        return into.resolve("helmdesk-agent");
    }

    /** Copies the built server into a folder of the test's, for a test that changes its etc/ configuration. */
    public static Path copyServer(Path into) throws IOException, InterruptedException {
        Process copy = new ProcessBuilder("cp", "-a", serverHome().toString(), into.toString()).inheritIO().start();
        if (!copy.waitFor(60, TimeUnit.SECONDS) || copy.exitValue() != 0) {
            throw new IOException("Could not copy the server to " + into);
        }
        return into;
    }

    /** A new, empty folder under target/work for one test. */
    public static Path newWorkFolder(String name) throws IOException {
        Path work = Path.of(System.getProperty("helmdesk.work", "target/work"));
        Files.createDirectories(work);
        return Files.createTempDirectory(work, name + "-");
    }

    public static Path screenshots() {
        return Path.of(System.getProperty("helmdesk.screenshots", "target/screenshots"));
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException("No product at " + property + "=" + value + ": build the products first");
        }
        return Path.of(value);
    }
}
