package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.PostgresqlUnderTest;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/**
 * The server product switched to PostgreSQL by its configuration file alone. Runs where Debian's postgresql package
 * is installed (.ci/run installs it); elsewhere it is skipped and says why.
 */
class PostgresqlServerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void runsOnPostgresqlSelectedByConfiguration() throws Exception {
        Path work = Products.newWorkFolder("postgresql");
        Optional<PostgresqlUnderTest> installed = PostgresqlUnderTest.startIfInstalled(work);
        Assumptions.assumeTrue(installed.isPresent(), "PostgreSQL is not installed (apt-get install postgresql)");
        try (PostgresqlUnderTest postgresql = installed.get()) {
            // An installation of its own: the configuration lives in the installation's etc/.
            Path installation = Products.copyServer(work.resolve("helmdesk-server"));
            Files.writeString(installation.resolve("etc/io.helmdesk.store.cfg"), "type = postgresql\nurl = "
                    + postgresql.jdbcUrl() + "\nuser = " + PostgresqlUnderTest.USER + "\n.password = "
                    + PostgresqlUnderTest.PASSWORD + "\n");
            Path data = work.resolve("data");

            JsonNode firstDatabase;
            try (ServerUnderTest server = ServerUnderTest.start(work, data, installation)) {
                JsonNode health = JSON.readTree(server.get("/api/v1/health").body());
                firstDatabase = health.path("database");
                assertEquals("UP", health.path("status").asText(), health.toString());
                assertEquals("PostgreSQL", firstDatabase.path("product").asText(), health.toString());
                assertTrue(firstDatabase.path("schemaVersion").asInt() >= 1);
                server.stop();
            }
            try (ServerUnderTest again = ServerUnderTest.start(work, data, installation)) {
                assertEquals(firstDatabase, JSON.readTree(again.get("/api/v1/health").body()).path("database"));
                again.stop();
            }
            String log = Files.readString(data.resolve("logs/server.log"));
            assertEquals(1, Pattern.compile("Applying schema migration 1").matcher(log).results().count(), log);
            assertFalse(Files.exists(data.resolve("db")), "no Derby database was created");
            assertFalse(log.contains(PostgresqlUnderTest.PASSWORD), "the database password never reaches the log");
        }
    }
}
