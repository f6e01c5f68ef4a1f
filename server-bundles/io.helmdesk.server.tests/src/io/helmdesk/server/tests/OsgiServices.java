package io.helmdesk.server.tests;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for services of the running framework, as a test needs them. */
final class OsgiServices {

    static final Duration TIMEOUT = Duration.ofSeconds(30);

    private OsgiServices() {
    }

    static BundleContext context() {
        return FrameworkUtil.getBundle(OsgiServices.class).getBundleContext();
    }

    static <T> T await(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context(), type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(TIMEOUT.toMillis());
            if (service == null) {
                throw new AssertionError("No " + type.getName() + " service within " + TIMEOUT);
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    static Bundle bundle(String symbolicName) {
        return Arrays.stream(context().getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("Bundle " + symbolicName + " is not installed"));
    }

    /** The base URL (no trailing slash) of the HTTP server that the servlet whiteboard runs on. */
    static String httpBaseUrl() throws InterruptedException {
        await(HttpServiceRuntime.class);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            var reference = context().getServiceReference(HttpServiceRuntime.class);
            Object endpoint = reference == null
                    ? null
                    : reference.getProperty(HttpServiceRuntimeConstants.HTTP_SERVICE_ENDPOINT);
            String url = endpoint instanceof String[] many
                    ? many[0]
                    : endpoint instanceof Iterable<?> list
                            ? Objects.toString(list.iterator().next())
                            : (String) endpoint;
            if (url != null && !url.endsWith(":0/")) {
                return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The HTTP service published no endpoint within " + TIMEOUT);
    }
}
