package io.helmdesk.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration mechanism against a real embedded Derby database in a temporary folder. */
class MigrationRunnerTest {

    @TempDir
    Path folder;

    private EmbeddedDataSource dataSource;

    @BeforeEach
    void openDatabase() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(folder.resolve("db").toString());
        dataSource.setCreateDatabase("create");
    }

    @AfterEach
    void shutDownDatabase() {
        if (!Files.isDirectory(folder.resolve("db"))) {
            return; // this test never opened it
        }
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(folder.resolve("db").toString());
        shutdown.setShutdownDatabase("shutdown");
        SQLException closed = assertThrows(SQLException.class, () -> shutdown.getConnection().close());
        assertEquals("08006", closed.getSQLState());
    }

    @Test
    void appliesEveryMigrationOnceAndInOrder() throws SQLException {
        List<Migration> migrations = List.of(
                new Migration(2, "add column", "ALTER TABLE fruit ADD COLUMN colour VARCHAR(20);"),
                new Migration(1, "fruit",
                        "CREATE TABLE fruit (name VARCHAR(20) NOT NULL);\nINSERT INTO fruit (name) VALUES ('apple');"));
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(2, new MigrationRunner(Dialect.DERBY, migrations).migrate(connection));
            assertEquals(2, new MigrationRunner(Dialect.DERBY, migrations).migrate(connection));
            assertEquals(List.of("apple"), column(connection, "SELECT name FROM fruit"));
            assertEquals(List.of("1", "2"), column(connection, "SELECT CAST(version AS CHAR(3)) FROM "
                    + MigrationRunner.HISTORY_TABLE + " ORDER BY version"));
        }
    }

    @Test
    void failedMigrationIsRolledBackAndNotRecorded() throws SQLException {
        List<Migration> good = List.of(new Migration(1, "fruit", "CREATE TABLE fruit (name VARCHAR(20));"));
        List<Migration> broken = new ArrayList<>(good);
        broken.add(new Migration(2, "broken", "CREATE TABLE vegetable (name VARCHAR(20));\nTHIS IS NOT SQL;"));
        try (Connection connection = dataSource.getConnection()) {
            new MigrationRunner(Dialect.DERBY, good).migrate(connection);
            SQLException failure = assertThrows(SQLException.class,
                    () -> new MigrationRunner(Dialect.DERBY, broken).migrate(connection));
            assertTrue(failure.getMessage().contains("Schema migration 2 (broken) failed and was rolled back"),
                    failure.getMessage());
            assertEquals(1, MigrationRunner.currentVersion(connection));
            assertFalse(tableExists(connection, "VEGETABLE"),
                    "the first statement of the failed migration stays undone");
        }
    }

    @Test
    void refusesAnAppliedMigrationThatChanged() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            new MigrationRunner(Dialect.DERBY,
                    List.of(new Migration(1, "fruit", "CREATE TABLE fruit (name VARCHAR(20));")))
                    .migrate(connection);
            SQLException failure = assertThrows(SQLException.class, () -> new MigrationRunner(Dialect.DERBY,
                    List.of(new Migration(1, "fruit", "CREATE TABLE fruit (name VARCHAR(40));"))).migrate(connection));
            assertTrue(failure.getMessage().contains("differs from the one applied"), failure.getMessage());
        }
    }

    @Test
    void refusesASchemaWrittenByANewerServer() throws SQLException {
        List<Migration> newer = List.of(new Migration(1, "a", "CREATE TABLE a (x INTEGER);"),
                new Migration(2, "b", "CREATE TABLE b (x INTEGER);"));
        try (Connection connection = dataSource.getConnection()) {
            new MigrationRunner(Dialect.DERBY, newer).migrate(connection);
            SQLException failure = assertThrows(SQLException.class,
                    () -> new MigrationRunner(Dialect.DERBY, newer.subList(0, 1)).migrate(connection));
            assertTrue(failure.getMessage().contains("written by a newer Helmdesk"), failure.getMessage());
        }
    }

    @Test
    void refusesGapsAndBadFileNames() {
        assertThrows(IllegalArgumentException.class, () -> new MigrationRunner(Dialect.DERBY,
                List.of(new Migration(1, "a", "SELECT 1;"), new Migration(3, "c", "SELECT 1;"))));
        assertThrows(IllegalArgumentException.class, () -> Migration.fromFile("V1_missing_underscore.sql", ""));
        assertThrows(IllegalArgumentException.class, () -> Migration.fromFile("init.sql", ""));
        assertEquals(new Migration(12, "device groups", "x"), Migration.fromFile("V12__device_groups.sql", "x"));
    }

    @Test
    void splitsStatementsAtLineEndSemicolonsAndDropsComments() {
        Migration migration = new Migration(1, "x", """
                -- a comment
                CREATE TABLE t (
                    a VARCHAR(10) DEFAULT 'x;y'
                );

                INSERT INTO t (a) VALUES ('b');
                """);
        assertEquals(List.of("CREATE TABLE t (\na VARCHAR(10) DEFAULT 'x;y'\n)", "INSERT INTO t (a) VALUES ('b')"),
                migration.statements());
    }

    @Test
    void shippedMigrationsApplyToDerby() throws IOException, SQLException {
        List<Migration> shipped = shipped();
        assertFalse(shipped.isEmpty());
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(shipped.size(), new MigrationRunner(Dialect.DERBY, shipped).migrate(connection));
            assertTrue(tableExists(connection, "HELMDESK_SETTING"));
        }
    }

    @Test
    void remoteSessionsMigrationUpgradesADatabaseWithDevicesAndOutlivesThem() throws IOException, SQLException {
        List<Migration> shipped = shipped();
        try (Connection connection = dataSource.getConnection()) {
            // A database as the previous release left it, with an account and a device.
            assertEquals(7, new MigrationRunner(Dialect.DERBY, shipped.subList(0, 7)).migrate(connection));
            insertAccountAndDevice(connection, "d1");

            assertEquals(shipped.size(), new MigrationRunner(Dialect.DERBY, shipped).migrate(connection));

            execute(connection, "INSERT INTO helmdesk_remote_session (id, device_id, operator_account_id,"
                    + " operator_name, state, requested_at) VALUES ('s1', 'd1', 'a1', 'Olivia', 'REQUESTED', 10)");
            execute(connection, "INSERT INTO helmdesk_remote_session_event (session_id, at_millis, kind, actor,"
                    + " detail) VALUES ('s1', 10, 'requested', 'Olivia', '')");
            execute(connection, "INSERT INTO helmdesk_remote_session_event (session_id, at_millis, kind, actor,"
                    + " detail) VALUES ('s1', 10, 'paired', 'relay', '')");
            try (Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT bytes_from_agent, bytes_from_console, started_at,"
                            + " ended_at, end_reason FROM helmdesk_remote_session")) {
                assertTrue(row.next());
                assertEquals(0, row.getLong(1), "byte counts start at 0");
                assertEquals(0, row.getLong(2));
                assertNull(row.getObject(3), "not started");
                assertNull(row.getObject(4), "not ended");
                assertNull(row.getObject(5));
            }
            assertEquals(List.of("requested", "paired"),
                    column(connection, "SELECT kind FROM helmdesk_remote_session_event ORDER BY id"),
                    "the identity key follows the order of insertion");

            execute(connection, "DELETE FROM helmdesk_device WHERE id = 'd1'");
            assertEquals(List.of("s1"), column(connection, "SELECT id FROM helmdesk_remote_session"),
                    "the history outlives the device");
            execute(connection, "DELETE FROM helmdesk_remote_session WHERE id = 's1'");
            assertEquals(List.of(), column(connection, "SELECT kind FROM helmdesk_remote_session_event"),
                    "events go with their session");
        }
    }

    @Test
    void deviceConsentMigrationAsksTheUsersOfDevicesAlreadyEnrolled() throws IOException, SQLException {
        List<Migration> shipped = shipped();
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(8, new MigrationRunner(Dialect.DERBY, shipped.subList(0, 8)).migrate(connection));
            insertAccountAndDevice(connection, "enrolled-before");

            assertEquals(shipped.size(), new MigrationRunner(Dialect.DERBY, shipped).migrate(connection));

            assertEquals(List.of("1"),
                    column(connection, "SELECT CAST(consent_required AS CHAR(1)) FROM helmdesk_device"
                            + " WHERE id = 'enrolled-before'"),
                    "nobody chose unattended access for it");
            execute(connection, "UPDATE helmdesk_device SET consent_required = 0 WHERE id = 'enrolled-before'");
            assertEquals(List.of("0"),
                    column(connection, "SELECT CAST(consent_required AS CHAR(1)) FROM helmdesk_device"
                            + " WHERE id = 'enrolled-before'"));
            SQLException empty = assertThrows(SQLException.class, () -> execute(connection,
                    "UPDATE helmdesk_device SET consent_required = NULL WHERE id = 'enrolled-before'"));
            assertEquals("23502", empty.getSQLState(), "the column is NOT NULL");
        }
    }

    /** An account and one of its devices, with the columns the devices table had when it was created (V7). */
    private static void insertAccountAndDevice(Connection connection, String deviceId) throws SQLException {
        execute(connection, "INSERT INTO helmdesk_account (id, email, email_key, display_name, account_role,"
                + " account_state, language_tag, time_zone, created_at) VALUES ('a1', 'o@example.org',"
                + " 'o@example.org', 'Olivia', 'ADMIN', 'ACTIVE', 'en', 'UTC', 1)");
        execute(connection, "INSERT INTO helmdesk_device (id, account_id, public_key, key_fingerprint,"
                + " display_name, host_name, group_name, os_name, os_version, agent_version, last_seen_at,"
                + " last_address, previews_enabled, operators_may_configure, created_at) VALUES ('" + deviceId
                + "', 'a1', 'k', 'f', 'PC', 'pc', '', 'Linux', '6', '0.1', 1, '192.0.2.1', 0, 0, 1)");
    }

    private static List<Migration> shipped() throws IOException {
        List<Migration> shipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                shipped.add(Migration.fromFile(file.getFileName().toString(), Files.readString(file)));
            }
        }
        shipped.sort(Comparator.comparingInt(Migration::version));
        return shipped;
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> column(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1).strip());
            }
        }
        return values;
    }

    private static boolean tableExists(Connection connection, String name) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, name, null)) {
            return tables.next();
        }
    }
}
