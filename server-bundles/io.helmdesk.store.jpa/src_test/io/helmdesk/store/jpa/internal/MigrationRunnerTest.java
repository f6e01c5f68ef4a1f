package io.helmdesk.store.jpa.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        List<Migration> shipped = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("db/migration"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                shipped.add(Migration.fromFile(file.getFileName().toString(), Files.readString(file)));
            }
        }
        assertFalse(shipped.isEmpty());
        try (Connection connection = dataSource.getConnection()) {
            assertEquals(shipped.size(), new MigrationRunner(Dialect.DERBY, shipped).migrate(connection));
            assertTrue(tableExists(connection, "HELMDESK_SETTING"));
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
