package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The structural rules of the code base, checked on every bundle's manifest: the public surface of a bundle is
 * its {@code .api} name, never an internal package.
 */
class BundleRulesTest {

    /** Bundles that export without an .api name, and why. Keep this list short. */
    private static final Map<String, String> EXPORT_EXCEPTIONS = Map.of("io.helmdesk.testing",
            "test support shared by the OSGi test bundles; in no product", "io.helmdesk.protocol",
            "the wire protocol library shared by agent, server and console (ARCHITECTURE: shared codec libraries)",
            "io.helmdesk.transport",
            "the TLS connection library shared by the server gateway and the agent (ARCHITECTURE: shared bundles)",
            "io.helmdesk.screen",
            "the screen encoder and decoder shared by agent, console and recording player (ARCHITECTURE: shared codec "
                    + "libraries)",
            "io.helmdesk.session",
            "the session library shared by agent, console and system tests (relay join, viewer, file transfers)",
            "io.helmdesk.agent.desktop",
            "capture and input of the agent, behind interfaces per platform (ARCHITECTURE: agent bundles)",
            "io.helmdesk.agent.core",
            "its io.helmdesk.agent.api package: the control connection and display the agent's other bundles use");

    private static final Path ROOT = Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));

    @Test
    void onlyApiBundlesExportPackages() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path bundle : bundles()) {
            String name = symbolicName(bundle);
            String exports = manifest(bundle).getMainAttributes().getValue("Export-Package");
            if (exports != null && !name.endsWith(".api") && !EXPORT_EXCEPTIONS.containsKey(name)) {
                violations.add(name + " exports " + exports);
            }
        }
        assertEquals(List.of(), violations, "only *.api bundles export packages");
    }

    @Test
    void internalPackagesAreNeverExported() throws IOException {
        for (Path bundle : bundles()) {
            String exports = manifest(bundle).getMainAttributes().getValue("Export-Package");
            assertFalse(exports != null && exports.contains(".internal"), symbolicName(bundle) + " exports " + exports);
        }
    }

    @Test
    void bundleFolderIsItsSymbolicName() throws IOException {
        for (Path bundle : bundles()) {
            assertEquals(bundle.getFileName().toString(), symbolicName(bundle));
            assertTrue(symbolicName(bundle).startsWith("io.helmdesk."), symbolicName(bundle));
        }
    }

    private static List<Path> bundles() throws IOException {
        List<Path> bundles = new ArrayList<>();
        for (String group : List.of("bundles", "server-bundles", "examples")) {
            try (Stream<Path> folders = Files.list(ROOT.resolve(group))) {
                folders.filter(f -> Files.isRegularFile(f.resolve("META-INF/MANIFEST.MF"))).forEach(bundles::add);
            }
        }
        assertTrue(bundles.size() >= 10, "found the bundles under " + ROOT.toAbsolutePath());
        return bundles;
    }

    private static Manifest manifest(Path bundle) throws IOException {
        try (InputStream in = Files.newInputStream(bundle.resolve("META-INF/MANIFEST.MF"))) {
            return new Manifest(in);
        }
    }

    private static String symbolicName(Path bundle) throws IOException {
        return manifest(bundle).getMainAttributes().getValue("Bundle-SymbolicName").split(";")[0].strip();
    }
}
