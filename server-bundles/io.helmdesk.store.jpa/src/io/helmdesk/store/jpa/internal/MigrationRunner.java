package io.helmdesk.store.jpa.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database schema up to the newest migration, one transaction per migration, and refuses to run on a
 * schema that is newer than this server or whose applied migrations were changed since.
 */
final class MigrationRunner {

    static final String HISTORY_TABLE = "helmdesk_schema_history";

    private final Logger logger = LoggerFactory.getLogger(MigrationRunner.class);
    private final Dialect dialect;
    private final List<Migration> migrations;

    MigrationRunner(Dialect dialect, List<Migration> migrations) {
        this.dialect = dialect;
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                throw new IllegalArgumentException(
                        "Migrations must be numbered 1, 2, 3… without gaps or repeats; found "
                                + sorted.stream().map(Migration::version).toList());
            }
        }
        this.migrations = List.copyOf(sorted);
    }

    /**
     * Applies the migrations the database lacks.
     *
     * @return the schema version after the run
     * @throws SQLException if a migration fails (that migration is rolled back) or the schema cannot be used
     */
    int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            createHistoryTable(connection);
            while (true) {
                // Read what is applied under the lock, every round: another node may have migrated meanwhile.
                lockHistory(connection);
                Map<Integer, String> applied = appliedChecksums(connection);
                verify(applied);
                Migration next = migrations.stream().filter(m -> !applied.containsKey(m.version())).findFirst()
                        .orElse(null);
                if (next == null) {
                    connection.commit();
                    return applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
                }
                apply(connection, next);
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The highest migration recorded in the database, 0 for an empty one. */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM " + HISTORY_TABLE)) {
            return rows.next() ? rows.getInt(1) : 0;
        }
    }

    private void verify(Map<Integer, String> applied) throws SQLException {
        int newestKnown = migrations.isEmpty() ? 0 : migrations.getLast().version();
        for (Map.Entry<Integer, String> entry : applied.entrySet()) {
            int version = entry.getKey();
            if (version > newestKnown) {
                throw new SQLException(
                        "The database schema is at version " + version + " but this server knows only up to "
                                + newestKnown
                                + ": it was written by a newer Helmdesk. Start that version, or restore a backup.");
            }
            Migration migration = migrations.get(version - 1);
            if (!migration.checksum().equals(entry.getValue())) {
                throw new SQLException("Migration " + version + " (" + migration.description()
                        + ") differs from the one applied to this database; shipped migrations must never change.");
            }
        }
    }

    private void createHistoryTable(Connection connection) throws SQLException {
        if (tableExists(connection)) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE " + HISTORY_TABLE + " (version INTEGER NOT NULL PRIMARY KEY,"
                    + " description VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            // Another node may have created it at the same moment; use it if it is there now.
            if (!tableExists(connection)) {
                throw e;
            }
        }
    }

    /** Several nodes on one PostgreSQL database may start together: only one migrates at a time. */
    private void lockHistory(Connection connection) throws SQLException {
        if (dialect == Dialect.POSTGRESQL) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("LOCK TABLE " + HISTORY_TABLE + " IN EXCLUSIVE MODE");
            }
        }
    }

    private boolean tableExists(Connection connection) throws SQLException {
        String name = dialect == Dialect.DERBY ? HISTORY_TABLE.toUpperCase() : HISTORY_TABLE;
        try (ResultSet tables = connection.getMetaData().getTables(null, null, name, new String[]{"TABLE"})) {
            return tables.next();
        }
    }

    private Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version, checksum FROM " + HISTORY_TABLE)) {
            while (rows.next()) {
                applied.put(rows.getInt(1), rows.getString(2));
            }
        }
        return applied;
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        logger.info("Applying schema migration {}: {}", migration.version(), migration.description());
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                statement.execute(sql);
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + HISTORY_TABLE
                    + " (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                insert.setInt(1, migration.version());
                insert.setString(2, migration.description());
                insert.setString(3, migration.checksum());
                insert.setLong(4, System.currentTimeMillis());
                insert.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("Schema migration " + migration.version() + " (" + migration.description()
                    + ") failed and was rolled back: " + e.getMessage(), e.getSQLState(), e);
        }
    }
}
