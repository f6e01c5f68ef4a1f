package io.helmdesk.plugins.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/** What a jar in the plugins folder is: an OSGi bundle, or why it is not one. */
final class PluginJar {

    private PluginJar() {
    }

    /** Empty when the jar is an OSGi bundle; otherwise the reason it cannot be installed, for the log. */
    static Optional<String> problem(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                return Optional.of("it has no META-INF/MANIFEST.MF");
            }
            Attributes main = manifest.getMainAttributes();
            String name = main.getValue("Bundle-SymbolicName");
            if (name == null || name.isBlank()) {
                return Optional.of("its manifest has no Bundle-SymbolicName: it is a plain jar, not an OSGi bundle");
            }
            if (!"2".equals(main.getValue("Bundle-ManifestVersion"))) {
                return Optional.of("its manifest is not an OSGi R4+ bundle manifest (Bundle-ManifestVersion: 2)");
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("it is not a readable jar (" + e.getMessage() + ")");
        }
    }
}
