package io.helmdesk.devices.internal;

import java.nio.file.Path;

import org.osgi.framework.BundleContext;

/** The server's data folder ({@code helmdesk.data}), or this bundle's own storage area without one (tests). */
final class DataFolder {

    private DataFolder() {
    }

    static Path of(BundleContext context) {
        String configured = context.getProperty("helmdesk.data");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        return context.getDataFile("").toPath().toAbsolutePath();
    }
}
