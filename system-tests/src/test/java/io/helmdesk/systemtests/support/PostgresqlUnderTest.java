package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL server of the test's own, from Debian's {@code postgresql} package: a fresh cluster in the test's
 * folder on a free loopback port, with a password-protected user and database named helmdesk.
 */
public final class PostgresqlUnderTest implements AutoCloseable {

    public static final String USER = "helmdesk";
    public static final String PASSWORD = "test-only-password-7Qk";

    private final Path bin;
    private final Path data;
    private final int port;

    private PostgresqlUnderTest(Path bin, Path data, int port) {
        this.bin = bin;
        this.data = data;
        this.port = port;
    }

    /** Starts a cluster, or returns empty if PostgreSQL is not installed on this machine. */
    public static Optional<PostgresqlUnderTest> startIfInstalled(Path work) throws IOException, InterruptedException {
        Optional<Path> bin = installedBin();
        if (bin.isEmpty()) {
            return Optional.empty();
        }
        Path folder = Files.createDirectories(work.resolve("postgresql"));
        Path data = folder.resolve("data");
        Path passwordFile = folder.resolve("password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        if (runsAsRoot()) {
            // PostgreSQL refuses to run as root: its files belong to the postgres account, which must reach them.
            Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            run(List.of("chown", "-R", "postgres:postgres", folder.toString()), Map.of());
        }
        int port = FreePort.find();
        run(asPostgres(bin.get().resolve("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--pwfile=" + passwordFile, "--auth-host=scram-sha-256", "--auth-local=trust", "-E", "UTF8"), Map.of());
        run(asPostgres(bin.get().resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l",
                folder.resolve("server.log").toString(), "-o",
                "-p " + port + " -k " + folder + " -c listen_addresses=127.0.0.1", "start"), Map.of());
        PostgresqlUnderTest server = new PostgresqlUnderTest(bin.get(), data, port);
        run(asPostgres(bin.get().resolve("createdb").toString(), "-h", "127.0.0.1", "-p", String.valueOf(port), "-U",
                USER, "helmdesk"), Map.of("PGPASSWORD", PASSWORD));
        return Optional.of(server);
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/helmdesk";
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(asPostgres(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"), Map.of());
    }

    private static Optional<Path> installedBin() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(versions)) {
            return Optional.empty();
        }
        try (Stream<Path> installed = Files.list(versions)) {
            return installed.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString())));
        }
    }

    private static boolean runsAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static List<String> asPostgres(String... command) {
        List<String> full = new ArrayList<>();
        if (runsAsRoot()) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static void run(List<String> command, Map<String, String> environment)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("Failed: " + String.join(" ", command) + "\n" + output);
        }
    }
}
