package io.helmdesk.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.rest.api.ErrorDTO;
import io.helmdesk.rest.api.HealthDTO;
import io.helmdesk.testing.OsgiServices;

/** The REST API and the web pages over real HTTP, in the framework that runs the server feature. */
class RestApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static String baseUrl;

    @BeforeAll
    static void findServer() throws Exception {
        baseUrl = OsgiServices.awaitRestApi();
    }

    @Test
    void healthReportsServerAndDatabase() throws Exception {
        HttpResponse<String> response = get("/api/v1/health");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        HealthDTO health = JSON.readValue(response.body(), HealthDTO.class);
        assertEquals(HealthDTO.UP, health.status());
        assertTrue(health.version().startsWith("0.1.0"), health.version());
        assertTrue(health.uptimeSeconds() >= 0);
        assertTrue(Instant.parse(health.startedAt()).isBefore(Instant.now()));
        assertEquals("UP", health.database().status());
        assertEquals("Apache Derby", health.database().product());
        assertTrue(health.database().schemaVersion() >= 1);
        assertNull(health.database().message());
    }

    @Test
    void healthIsDegradedWhileTheDatabaseIsAway() throws Exception {
        Bundle store = OsgiServices.bundle("io.helmdesk.store.jpa");
        store.stop();
        try {
            HttpResponse<String> response = get("/api/v1/health");
            assertEquals(503, response.statusCode(), response.body());
            HealthDTO health = JSON.readValue(response.body(), HealthDTO.class);
            assertEquals(HealthDTO.DEGRADED, health.status());
            assertEquals("DOWN", health.database().status());
            assertTrue(health.database().message().contains("etc/io.helmdesk.store.cfg"), health.database().message());
        } finally {
            store.start();
        }
        OsgiServices.awaitRestApi();
    }

    @Test
    void unknownAddressGetsTheJsonErrorShape() throws Exception {
        HttpResponse<String> response = get("/api/v1/no-such-thing");
        assertEquals(404, response.statusCode());
        ErrorDTO error = JSON.readValue(response.body(), ErrorDTO.class);
        assertEquals(new ErrorDTO(404, "not_found", "There is nothing at this address of the API"), error);
    }

    @Test
    void wrongMethodGetsTheJsonErrorShape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/health"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(405, response.statusCode());
        assertEquals("method_not_allowed", JSON.readValue(response.body(), ErrorDTO.class).code());
    }

    @Test
    void statusPageIsServedAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.body().contains("<title>Helmdesk server</title>"), page.body());
        HttpResponse<String> script = get("/status.js");
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains("/api/v1/health"));
    }

    @Test
    void webPagesAnswerOnlyFilesTheyHave() throws Exception {
        assertEquals(404, get("/missing.html").statusCode());
        HttpResponse<String> escape = get("/%2e%2e/META-INF/MANIFEST.MF");
        assertTrue(escape.statusCode() == 400 || escape.statusCode() == 404, "refused: " + escape.statusCode());
        assertFalse(escape.body().contains("Bundle-SymbolicName"));
        assertEquals(404, get("/.hidden.html").statusCode());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "*/*").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
