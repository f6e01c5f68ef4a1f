package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.FreePort;
import io.helmdesk.systemtests.support.ProductProcess;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/** The materialized server product, started as a process by its launch script, seen only through HTTP and files. */
class ServerProductIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void startsOnEmbeddedDerbyAnswersHealthAndStopsCleanly() throws Exception {
        Path work = Products.newWorkFolder("server");
        Path data = work.resolve("data");
        try (ServerUnderTest server = ServerUnderTest.start(work, data)) {
            HttpResponse<String> response = server.get("/api/v1/health");
            assertEquals(200, response.statusCode());
            JsonNode health = JSON.readTree(response.body());
            assertEquals("UP", health.path("status").asText());
            assertEquals("UP", health.path("database").path("status").asText());
            assertEquals("Apache Derby", health.path("database").path("product").asText());
            assertTrue(health.path("database").path("schemaVersion").asInt() >= 1);
            assertTrue(health.path("version").asText().startsWith("0.1.0"), health.toString());

            HttpResponse<String> page = server.get("/");
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("Helmdesk server"));
            assertEquals(404, server.get("/api/v1/unknown").statusCode());

            int exit = server.stop();
            // SIGTERM: the JVM's exit status is 128 + 15 once its shutdown hooks have run.
            assertEquals(143, exit, server.process().output());
            String log = Files.readString(data.resolve("logs/server.log"));
            assertTrue(log.contains("Stopping on request of the operating system"), log);
            assertTrue(log.contains("Database closed"), "Derby was shut down cleanly:\n" + log);
        }
        assertTrue(Files.isDirectory(data.resolve("db")), "the database lives in the data folder");
        assertTrue(Files.isDirectory(data.resolve("plugins")), "the plugin folder is created");
    }

    @Test
    void keepsItsDatabaseAcrossRestarts() throws Exception {
        Path work = Products.newWorkFolder("restart");
        Path data = work.resolve("data");
        String firstSchema;
        try (ServerUnderTest first = ServerUnderTest.start(work, data)) {
            firstSchema = JSON.readTree(first.get("/api/v1/health").body()).path("database").toString();
            first.stop();
        }
        try (ServerUnderTest second = ServerUnderTest.start(work, data)) {
            assertEquals(firstSchema, JSON.readTree(second.get("/api/v1/health").body()).path("database").toString());
            second.stop();
            String log = Files.readString(data.resolve("logs/server.log"));
            assertEquals(1, Pattern.compile("Applying schema migration 1").matcher(log).results().count(),
                    "migrations ran once, the second start found the schema in place:\n" + log);
        }
    }

    @Test
    void reportsADatabaseItCannotOpenAndKeepsRunning() throws Exception {
        Path work = Products.newWorkFolder("nodb");
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        Files.writeString(installation.resolve("etc/io.helmdesk.store.cfg"),
                "type = postgresql\nurl = jdbc:postgresql://127.0.0.1:1/helmdesk\nuser = helmdesk\npassword = x\n");
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"), installation, 503)) {
            // Until FileInstall has delivered etc/, the health says "not configured"; then it says why it failed.
            server.process().awaitOutput(
                    Pattern.compile("ERROR .* No database: the PostgreSQL database could not be opened"),
                    Duration.ofSeconds(30));
            JsonNode health = JSON.readTree(server.get("/api/v1/health").body());
            assertEquals("DEGRADED", health.path("status").asText());
            assertEquals("DOWN", health.path("database").path("status").asText());
            assertTrue(
                    health.path("database").path("message").asText()
                            .contains("PostgreSQL database could not be opened"),
                    health.toString());
            assertEquals(200, server.get("/").statusCode(), "the rest of the server runs on");
            server.process().awaitOutput(
                    Pattern.compile("ERROR .* No database: the PostgreSQL database could not be opened"),
                    Duration.ofSeconds(10));
        }
    }

    @Test
    void refusesABadPortWithAClearMessage() throws Exception {
        Path work = Products.newWorkFolder("badport");
        ProductProcess server = ProductProcess.start("server-badport",
                Products.serverHome().resolve("bin/helmdesk-server"), work,
                Map.of("HELMDESK_DATA", work.resolve("data").toString(), "HELMDESK_HTTP_PORT", "eighty"));
        assertEquals(1, server.awaitExit(Duration.ofSeconds(30)));
        assertTrue(server.output().contains("HELMDESK_HTTP_PORT must be a port number, not 'eighty'"), server.output());
        assertFalse(Files.exists(work.resolve("data/db")), "nothing was started");
    }

    @Test
    void honoursTheConfiguredPort() throws Exception {
        Path work = Products.newWorkFolder("port");
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"))) {
            assertTrue(server.process().output().contains("http://localhost:" + server.port() + "/"));
            assertTrue(FreePort.find() != server.port());
        }
    }
}
