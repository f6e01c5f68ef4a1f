package io.helmdesk.runtime.internal;

import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the OSGi framework when the JVM is asked to exit (SIGTERM, SIGINT, Ctrl+C). Equinox does not do this by
 * itself, and without it no component is deactivated: the database would not be shut down cleanly.
 */
@Component(immediate = true)
public class ShutdownOnSignal {

    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final Logger logger = LoggerFactory.getLogger(ShutdownOnSignal.class);
    private final Thread hook;

    @Activate
    public ShutdownOnSignal(BundleContext context) {
        Framework framework = (Framework) context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        hook = new Thread(() -> stop(framework), "helmdesk-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    @Deactivate
    void deactivate() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already exiting: the hook is running and finishes the stop.
        }
    }

    private void stop(Framework framework) {
        logger.info("Stopping on request of the operating system");
        try {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
        } catch (BundleException | InterruptedException e) {
            logger.error("Clean stop failed", e);
        }
    }
}
