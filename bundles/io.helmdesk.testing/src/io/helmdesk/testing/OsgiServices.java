package io.helmdesk.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.servlet.runtime.HttpServiceRuntime;
import org.osgi.service.servlet.runtime.HttpServiceRuntimeConstants;
import org.osgi.util.tracker.ServiceTracker;

/** Waits for services of the running framework, as an OSGi integration test needs them. */
public final class OsgiServices {

    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** How long the REST whiteboard must stay unchanged before a test trusts its connections. */
    private static final Duration QUIET = Duration.ofSeconds(1);

    private OsgiServices() {
    }

    public static BundleContext context() {
        return FrameworkUtil.getBundle(OsgiServices.class).getBundleContext();
    }

    public static <T> T await(Class<T> type) throws InterruptedException {
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

    public static Bundle bundle(String symbolicName) {
        return Arrays.stream(context().getBundles()).filter(b -> b.getSymbolicName().equals(symbolicName)).findFirst()
                .orElseThrow(() -> new AssertionError("Bundle " + symbolicName + " is not installed"));
    }

    /**
     * The base URL of the server's REST API once it answers: {@code /api/v1/health} gave 200 three times in a row
     * (the REST whiteboard rebuilds its application while services arrive, and answers 404 meanwhile).
     */
    public static String awaitRestApi() throws InterruptedException {
        return awaitRestApi("/api/v1/health");
    }

    /** Like {@link #awaitRestApi()}, waiting for each of these public GET routes to answer 200 steadily. */
    public static String awaitRestApi(String... publicPaths) throws InterruptedException {
        String baseUrl = httpBaseUrl();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        // A restarted service (a test stopping the database) makes the whiteboard rebuild its Jersey application a
        // few times, each rebuild dropping open connections: the routes answer between rebuilds, so wait for calm too.
        String changes;
        do {
            changes = restWhiteboardChanges();
            awaitAnswers(http, baseUrl, publicPaths, deadline);
            Thread.sleep(QUIET.toMillis());
        } while (!changes.equals(restWhiteboardChanges()) && System.nanoTime() < deadline);
        return baseUrl;
    }

    /** The change counts of the REST whiteboards' runtime services: they change with every application rebuild. */
    private static String restWhiteboardChanges() {
        try {
            var references = context().getServiceReferences((String) null,
                    "(objectClass=org.osgi.service.jakartars.runtime.JakartarsServiceRuntime)");
            return references == null
                    ? ""
                    : Arrays.stream(references).map(r -> r.getProperty(Constants.SERVICE_ID) + ":"
                            + r.getProperty(Constants.SERVICE_CHANGECOUNT)).sorted().toList().toString();
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitAnswers(HttpClient http, String baseUrl, String[] publicPaths, long deadline)
            throws InterruptedException {
        for (String path : publicPaths) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build();
            int answered = 0;
            while (answered < 3) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(path + " did not answer 200 steadily within " + TIMEOUT);
                }
                try {
                    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    answered = status == 200 ? answered + 1 : 0;
                } catch (IOException e) {
                    answered = 0;
                }
                Thread.sleep(200);
            }
        }
    }

    /** The base URL (no trailing slash) of the HTTP server that the servlet whiteboard runs on. */
    public static String httpBaseUrl() throws InterruptedException {
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
                // The endpoint names the host's first address (it may be IPv6 with a zone); loopback is what tests use.
                return "http://127.0.0.1:" + URI.create(url.replace("%", "%25")).getPort();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The HTTP service published no endpoint within " + TIMEOUT);
    }
}
