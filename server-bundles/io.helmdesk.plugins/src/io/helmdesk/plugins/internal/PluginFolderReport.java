package io.helmdesk.plugins.internal;

import java.io.File;
import java.nio.file.Path;
import java.util.Optional;

import org.apache.felix.fileinstall.ArtifactInstaller;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the server log what happens to the plugins folder (&lt;data&gt;/plugins), which FileInstall watches:
 * bundles installed, started, stopped and removed, and jars that are no bundles at all. Those it takes from
 * FileInstall ({@link ArtifactInstaller}) and refuses with the reason, instead of FileInstall's silence.
 */
@Component(service = ArtifactInstaller.class, immediate = true)
public class PluginFolderReport implements ArtifactInstaller, SynchronousBundleListener {

    private final Logger logger = LoggerFactory.getLogger(PluginFolderReport.class);
    private final BundleContext context;
    private final Path folder;

    @Activate
    public PluginFolderReport(BundleContext context) {
        this.context = context;
        String data = context.getProperty("helmdesk.data");
        this.folder = data == null ? null : Path.of(data, "plugins").toAbsolutePath().normalize();
        context.addBundleListener(this);
    }

    @Deactivate
    void deactivate() {
        context.removeBundleListener(this);
    }

    @Override
    public boolean canHandle(File artifact) {
        return inPluginFolder(artifact.toPath()) && artifact.getName().endsWith(".jar")
                && PluginJar.problem(artifact.toPath()).isPresent();
    }

    @Override
    public void install(File artifact) {
        refuse(artifact);
    }

    @Override
    public void update(File artifact) {
        refuse(artifact);
    }

    @Override
    public void uninstall(File artifact) {
        logger.info("Plugin file {} removed", artifact.getName());
    }

    private void refuse(File artifact) {
        Optional<String> problem = PluginJar.problem(artifact.toPath());
        logger.error("Plugin file {} was not installed: {}. Replace it with an OSGi bundle jar.", artifact.getName(),
                problem.orElse("it changed while it was checked"));
    }

    @Override
    public void bundleChanged(BundleEvent event) {
        Bundle bundle = event.getBundle();
        Path location = locationPath(bundle.getLocation());
        if (location == null || !inPluginFolder(location)) {
            return;
        }
        String what = bundle.getSymbolicName() + " " + bundle.getVersion() + " (" + location.getFileName() + ")";
        switch (event.getType()) {
            case BundleEvent.INSTALLED -> logger.info("Plugin {} installed", what);
            case BundleEvent.STARTED -> logger.info("Plugin {} started", what);
            case BundleEvent.STOPPED -> logger.info("Plugin {} stopped", what);
            case BundleEvent.UPDATED -> logger.info("Plugin {} updated", what);
            case BundleEvent.UNINSTALLED -> logger.info("Plugin {} uninstalled", what);
            default -> {
                // resolving and lazy activation are not worth a line
            }
        }
    }

    private boolean inPluginFolder(Path file) {
        return folder != null && file.toAbsolutePath().normalize().startsWith(folder);
    }

    /** FileInstall installs from file: URLs; other locations are not plugins. */
    private static Path locationPath(String location) {
        if (location == null || !location.startsWith("file:")) {
            return null;
        }
        try {
            return Path.of(java.net.URI.create(location));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
