package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The server product started by {@code bin/helmdesk-server} on a free port with a data folder of the test's. */
public final class ServerUnderTest implements AutoCloseable {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final ProductProcess process;
    private final int port;
    private final Path data;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private ServerUnderTest(ProductProcess process, int port, Path data) {
        this.process = process;
        this.port = port;
        this.data = data;
    }

    /** Starts the built server product and waits until {@code /api/v1/health} answers 200. */
    public static ServerUnderTest start(Path work, Path data) throws IOException, InterruptedException {
        return start(work, data, Products.serverHome());
    }

    /** Starts the server installed in {@code installation} and waits until it is healthy. */
    public static ServerUnderTest start(Path work, Path data, Path installation)
            throws IOException, InterruptedException {
        return start(work, data, installation, 200);
    }

    /** Starts the server and waits until {@code /api/v1/health} answers the expected status (503: degraded). */
    public static ServerUnderTest start(Path work, Path data, Path installation, int expectedHealth)
            throws IOException, InterruptedException {
        int port = FreePort.find();
        int agentPort = FreePort.find();
        int relayPort = FreePort.find();
        ProductProcess process = ProductProcess.start("server-" + port, installation.resolve("bin/helmdesk-server"),
                work, Map.of("HELMDESK_DATA", data.toString(), "HELMDESK_HTTP_PORT", String.valueOf(port),
                        "HELMDESK_AGENT_PORT", String.valueOf(agentPort), "HELMDESK_RELAY_PORT",
                        String.valueOf(relayPort)));
        ServerUnderTest server = new ServerUnderTest(process, port, data);
        server.awaitHealth(expectedHealth);
        return server;
    }

    private void awaitHealth(int expected) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("The server ended during start:\n" + process.output());
            }
            try {
                // Healthy, and (with a database) the account routes registered: resources come up one by one.
                if (get("/api/v1/health").statusCode() == expected
                        && (expected != 200 || get("/api/v1/auth/setup").statusCode() == 200)) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError(
                "The server's health was not " + expected + " within " + START_TIMEOUT + ":\n" + process.output());
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON call with an optional bearer token; the body may be null. */
    public HttpResponse<String> call(String method, String path, String token, String jsonBody)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, jsonBody == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody))
                .header("Accept", "application/json");
        if (jsonBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        SecretsSeen.exchange(path, token, jsonBody, response.body());
        return response;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path data() {
        return data;
    }

    public ProductProcess process() {
        return process;
    }

    /** Stops the server with SIGTERM, as a service manager does; returns its exit status. */
    public int stop() throws IOException, InterruptedException {
        return process.stop(Duration.ofSeconds(60));
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.close();
        http.close();
    }
}
