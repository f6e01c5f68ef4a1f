package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/** A plugin bundle dropped into the running server's plugins folder joins the REST API, and leaves with its jar. */
class PluginHotDeployIT {

    private static final Duration DEPLOY = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void pluginJoinsAndLeavesTheApiWithoutARestart() throws Exception {
        Path work = Products.newWorkFolder("plugins");
        Path data = work.resolve("data");
        try (ServerUnderTest server = ServerUnderTest.start(work, data)) {
            assertEquals(404, server.get("/api/v1/examples/hello").statusCode());

            Path plugin = data.resolve("plugins/hello.jar");
            Files.copy(Path.of(System.getProperty("helmdesk.example.plugin")), plugin);
            HttpResponse<String> hello = awaitStatus(server, "/api/v1/examples/hello?name=Ada", 200);
            server.process().awaitOutput(
                    Pattern.compile("Plugin io\\.helmdesk\\.examples\\.hello \\S+ \\(hello\\.jar\\) started"),
                    DEPLOY);
            assertEquals("Hello, Ada!", JSON.readTree(hello.body()).path("greeting").asText());
            HttpResponse<String> refused = server.get("/api/v1/examples/hello?name=");
            assertEquals(400, refused.statusCode());
            assertEquals("invalid_request", JSON.readTree(refused.body()).path("code").asText());

            Files.delete(plugin);
            awaitStatus(server, "/api/v1/examples/hello", 404);
            server.process().awaitOutput(Pattern.compile("Plugin io\\.helmdesk\\.examples\\.hello .* uninstalled"),
                    DEPLOY);
            assertEquals(200, server.get("/api/v1/health").statusCode());
        }
    }

    @Test
    void aBrokenPluginIsReportedAndHarmsNothing() throws Exception {
        Path work = Products.newWorkFolder("bad-plugin");
        Path data = work.resolve("data");
        try (ServerUnderTest server = ServerUnderTest.start(work, data)) {
            Files.writeString(data.resolve("plugins/broken.jar"), "this is not a jar");
            Files.copy(Path.of(System.getProperty("helmdesk.example.plugin")), data.resolve("plugins/hello.jar"));
            awaitStatus(server, "/api/v1/examples/hello", 200);
            server.process().awaitOutput(Pattern.compile(
                    "Plugin file broken\\.jar was not installed: it is not a readable jar"), DEPLOY);
            assertEquals(200, server.get("/api/v1/health").statusCode());
        }
        assertTrue(
                Files.readString(data.resolve("logs/server.log")).contains("Plugin file broken.jar was not installed"));
    }

    private static HttpResponse<String> awaitStatus(ServerUnderTest server, String path, int status) throws Exception {
        long deadline = System.nanoTime() + DEPLOY.toNanos();
        HttpResponse<String> response = server.get(path);
        while (response.statusCode() != status) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " still answers " + response.statusCode() + " after " + DEPLOY + ":\n"
                        + server.process().output());
            }
            Thread.sleep(250);
            response = server.get(path);
        }
        return response;
    }
}
