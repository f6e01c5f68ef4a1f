package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.helmdesk.systemtests.support.SecretsSeen;

/**
 * Runs after all other system tests (its own failsafe execution, post-integration-test): no password, token, API
 * key, seed or link code that went through a server in those tests is in any server's logs, console output or
 * database files in clear.
 */
class SecretsScanIT {

    @Test
    void noSecretReachedALogOrADatabaseInClear() throws IOException {
        Path seen = SecretsSeen.file();
        Set<String> secrets = Files.exists(seen)
                ? new LinkedHashSet<>(Files.readAllLines(seen, StandardCharsets.UTF_8))
                : new LinkedHashSet<String>();
        secrets.remove("");
        List<Path> files = serverFiles(seen.resolveSibling("work"));
        List<String> leaks = new ArrayList<>();
        for (Path file : files) {
            // ISO-8859-1 keeps every byte: an ASCII secret is found in Derby pages as in text logs.
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            for (String secret : secrets) {
                if (content.contains(secret)) {
                    leaks.add(file + " holds " + secret.substring(0, 4) + "…");
                }
            }
        }
        assertEquals(List.of(), leaks);
        if (!secrets.isEmpty()) {
            assertTrue(files.stream().anyMatch(f -> f.toString().contains("/logs/")), "logs were scanned: " + files);
            assertTrue(files.stream().anyMatch(f -> f.toString().contains("/db/")), "databases were scanned");
        }
        System.out.println("Scanned " + files.size() + " files for " + secrets.size() + " secrets");
    }

    /** What a server wrote: its data folders (logs, Derby files, keys excepted) and its console output. */
    private static List<Path> serverFiles(Path work) throws IOException {
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> all = Files.walk(work)) {
            return all.filter(Files::isRegularFile).filter(f -> {
                String path = work.relativize(f).toString();
                return (path.contains("/data/") && !path.contains("/data/keys/") && !path.contains("/data/osgi/"))
                        || (path.endsWith(".out") && path.split("/").length == 2);
            }).toList();
        }
    }
}
