package io.helmdesk.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginJarTest {

    @TempDir
    Path folder;

    @Test
    void aBundleHasNoProblem() throws IOException {
        assertEquals(Optional.empty(), PluginJar.problem(jar("good.jar", "com.example.crm", "2")));
    }

    @Test
    void aPlainJarIsNamedAsSuch() throws IOException {
        assertTrue(PluginJar.problem(jar("plain.jar", null, null)).orElseThrow().contains("not an OSGi bundle"));
    }

    @Test
    void anOldStyleManifestIsRefused() throws IOException {
        assertTrue(PluginJar.problem(jar("old.jar", "com.example.old", "1")).orElseThrow()
                .contains("Bundle-ManifestVersion"));
    }

    @Test
    void garbageIsNotAReadableJar() throws IOException {
        Path garbage = Files.writeString(folder.resolve("broken.jar"), "this is not a jar");
        assertTrue(PluginJar.problem(garbage).orElseThrow().startsWith("it is not a readable jar"));
    }

    @Test
    void aJarWithoutManifestIsExplained() throws IOException {
        Path jar = folder.resolve("bare.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.zip.ZipEntry("readme.txt"));
            out.write("hi".getBytes());
        }
        assertEquals(Optional.of("it has no META-INF/MANIFEST.MF"), PluginJar.problem(jar));
    }

    private Path jar(String name, String symbolicName, String manifestVersion) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        if (manifestVersion != null) {
            manifest.getMainAttributes().putValue("Bundle-ManifestVersion", manifestVersion);
        }
        Path jar = folder.resolve(name);
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            // the manifest is all this jar needs
        }
        return jar;
    }
}
