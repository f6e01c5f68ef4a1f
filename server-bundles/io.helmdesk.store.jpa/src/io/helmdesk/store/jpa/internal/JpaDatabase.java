package io.helmdesk.store.jpa.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.sql.DataSource;

import jakarta.persistence.Cache;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.store.api.DatabaseStatus;
import io.helmdesk.store.api.DatabaseStatusService;
import io.helmdesk.store.api.StoreUnavailableException;

/**
 * The server's database: opens it (embedded Derby in the data folder unless configured for PostgreSQL), brings
 * its schema up to date, and runs units of work for the repositories of this bundle. A configuration change
 * reopens it. It waits for {@code etc/io.helmdesk.store.cfg} (shipped with {@code type = derby}): opening a default
 * database before that file is read would create a Derby database next to the configured PostgreSQL one.
 */
@Component(service = {JpaDatabase.class,
        DatabaseStatusService.class}, configurationPid = StoreConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = StoreConfiguration.class)
public class JpaDatabase implements DatabaseStatusService {

    /** The framework property the launch scripts set to the server's data folder. */
    static final String DATA_FOLDER_PROPERTY = "helmdesk.data";

    private static final String PERSISTENCE_UNIT = "helmdesk";
    private static final String MIGRATION_FOLDER = "db/migration";

    private final Logger logger = LoggerFactory.getLogger(JpaDatabase.class);
    private final Dialect dialect;
    private final String derbyUrl;
    private DataSource dataSource;
    private String product;
    private String productVersion;
    private EntityManagerFactory entityManagerFactory;
    /** Why the database could not be opened; null once it is open. */
    private String failure;

    /**
     * Opens the database. A database that cannot be opened does not stop the server: the store reports why through
     * {@link #status()} (and the health endpoint) and tries again when its configuration changes.
     */
    @Activate
    public JpaDatabase(BundleContext context, StoreConfiguration configuration) {
        Dialect configured;
        String derby = null;
        try {
            configured = Dialect.fromConfig(configuration.type());
        } catch (IllegalArgumentException e) {
            configured = null;
            failure = e.getMessage();
        }
        dialect = configured;
        if (dialect == Dialect.DERBY) {
            derby = "jdbc:derby:" + derbyFolder(context, configuration);
        }
        derbyUrl = derby;
        if (failure == null) {
            try {
                open(context, configuration);
            } catch (SQLException | IOException | RuntimeException e) {
                failure = "the " + (dialect == Dialect.DERBY ? "Derby" : "PostgreSQL")
                        + " database could not be opened: "
                        + e.getMessage();
                closeQuietly();
            }
        }
        if (failure != null) {
            logger.error("No database: {}. The server runs without one; fix etc/{}.cfg or the database, and the store "
                    + "tries again when that configuration changes.", failure, StoreConfiguration.PID);
        }
    }

    private void open(BundleContext context, StoreConfiguration configuration) throws SQLException, IOException {
        if (dialect == Dialect.DERBY) {
            Path folder = Path.of(derbyUrl.substring("jdbc:derby:".length()));
            Files.createDirectories(folder.getParent());
            if (System.getProperty("derby.stream.error.file") == null) {
                // Derby writes its own log; keep it beside the server's instead of the working directory.
                Path logs = folder.getParent().resolve("logs");
                Files.createDirectories(logs);
                System.setProperty("derby.stream.error.file", logs.resolve("derby.log").toString());
            }
            EmbeddedDataSource embedded = new EmbeddedDataSource();
            embedded.setDatabaseName(folder.toString());
            embedded.setCreateDatabase("create");
            dataSource = embedded;
        } else {
            if (configuration.url().isBlank()) {
                throw new IllegalArgumentException(
                        "type=postgresql needs a url, e.g. jdbc:postgresql://host:5432/helmdesk");
            }
            dataSource = postgresDataSource(configuration);
        }

        int schemaVersion;
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            product = metaData.getDatabaseProductName();
            productVersion = metaData.getDatabaseProductVersion();
            schemaVersion = new MigrationRunner(dialect, readMigrations(context.getBundle(), dialect))
                    .migrate(connection);
        }

        Map<String, Object> properties = new HashMap<>();
        properties.put(PersistenceUnitProperties.NON_JTA_DATASOURCE, dataSource);
        properties.put(PersistenceUnitProperties.CLASSLOADER, JpaDatabase.class.getClassLoader());
        properties.put(PersistenceUnitProperties.TARGET_DATABASE, dialect.eclipseLinkPlatform());
        properties.put(PersistenceUnitProperties.LOGGING_LOGGER, Slf4jSessionLog.class.getName());
        entityManagerFactory = new PersistenceProvider().createEntityManagerFactory(PERSISTENCE_UNIT, properties);
        if (entityManagerFactory == null) {
            throw new IllegalStateException("EclipseLink found no persistence unit '" + PERSISTENCE_UNIT + "'");
        }
        logger.info("Database {} {} ready at schema version {}{}", product, productVersion, schemaVersion,
                derbyUrl == null ? "" : " in " + derbyUrl.substring("jdbc:derby:".length()));
    }

    @Deactivate
    void close() {
        closeQuietly();
        logger.info("Database closed");
    }

    private void closeQuietly() {
        if (entityManagerFactory != null) {
            entityManagerFactory.close();
            entityManagerFactory = null;
        }
        shutDownDerby();
    }

    /** Runs work in one transaction, committed when it returns and rolled back when it throws. */
    public <T> T inTransaction(Function<EntityManager, T> work) {
        if (entityManagerFactory == null) {
            throw new StoreUnavailableException("The database is not available: " + failure);
        }
        EntityManager entityManager = entityManagerFactory.createEntityManager();
        EntityTransaction transaction = entityManager.getTransaction();
        try {
            transaction.begin();
            T result = work.apply(entityManager);
            transaction.commit();
            return result;
        } finally {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            entityManager.close();
        }
    }

    /** JDBC work for {@link #inJdbcTransactions}. */
    @FunctionalInterface
    public interface JdbcWork {

        void run(Connection connection) throws SQLException;
    }

    /**
     * Runs JDBC statements beside JPA, on one connection without auto-commit (the work commits as it goes; what it
     * has not committed is rolled back on failure): for bulk changes that JPA would make by loading and cloning every
     * entity. The entities changed so must leave JPA's shared cache afterwards ({@link #evict}).
     */
    public void inJdbcTransactions(JdbcWork work) {
        if (entityManagerFactory == null) {
            throw new StoreUnavailableException("The database is not available: " + failure);
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                work.run(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }

    /** Drops these entities from JPA's shared cache: the next read takes them from the database. */
    public void evict(Class<?> entity, Iterable<?> ids) {
        Cache cache = entityManagerFactory.getCache();
        for (Object id : ids) {
            cache.evict(entity, id);
        }
    }

    @Override
    public DatabaseStatus status() {
        if (failure != null) {
            return new DatabaseStatus(false, product, productVersion, 0, failure);
        }
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(5)) {
                return new DatabaseStatus(false, product, productVersion, 0, "The database did not answer within 5 s");
            }
            return new DatabaseStatus(true, product, productVersion, MigrationRunner.currentVersion(connection), null);
        } catch (SQLException e) {
            return new DatabaseStatus(false, product, productVersion, 0, e.getMessage());
        }
    }

    /**
     * Every migration shipped in this bundle: {@code db/migration/V*.sql}, each replaced by its variant in
     * {@code db/migration/<database type>/} where the SQL of the two databases differs.
     */
    static List<Migration> readMigrations(Bundle bundle, Dialect dialect) throws IOException {
        Map<String, URL> files = new HashMap<>();
        collect(bundle, MIGRATION_FOLDER, files);
        collect(bundle, MIGRATION_FOLDER + "/" + dialect.configName(), files);
        List<Migration> migrations = new ArrayList<>();
        for (Map.Entry<String, URL> file : files.entrySet()) {
            migrations.add(Migration.fromFile(file.getKey(), read(file.getValue())));
        }
        return migrations;
    }

    private static void collect(Bundle bundle, String folder, Map<String, URL> files) {
        Enumeration<URL> entries = bundle.findEntries(folder, "*.sql", false);
        for (URL entry : entries == null ? List.<URL>of() : Collections.list(entries)) {
            String path = entry.getPath();
            files.put(path.substring(path.lastIndexOf('/') + 1), entry);
        }
    }

    private static String read(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static DataSource postgresDataSource(StoreConfiguration configuration) {
        try {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(configuration.url());
            postgres.setUser(configuration.user());
            postgres.setPassword(configuration._password());
            return postgres;
        } catch (NoClassDefFoundError e) {
            throw new IllegalStateException("type=postgresql needs the PostgreSQL JDBC bundle (org.postgresql.jdbc)",
                    e);
        }
    }

    private static Path derbyFolder(BundleContext context, StoreConfiguration configuration) {
        if (!configuration.derby_directory().isBlank()) {
            return Path.of(configuration.derby_directory()).toAbsolutePath();
        }
        String dataFolder = context.getProperty(DATA_FOLDER_PROPERTY);
        if (dataFolder != null && !dataFolder.isBlank()) {
            return Path.of(dataFolder, "db").toAbsolutePath();
        }
        return context.getDataFile("db").toPath().toAbsolutePath();
    }

    /** Closes the Derby database cleanly so the next start needs no log recovery. */
    private void shutDownDerby() {
        if (derbyUrl == null) {
            return;
        }
        EmbeddedDataSource shutdown = new EmbeddedDataSource();
        shutdown.setDatabaseName(derbyUrl.substring("jdbc:derby:".length()));
        shutdown.setShutdownDatabase("shutdown");
        try (Connection ignored = shutdown.getConnection()) {
            logger.warn("Derby did not confirm the shutdown of {}", derbyUrl);
        } catch (SQLException e) {
            // Derby reports a clean database shutdown as SQLState 08006.
            if (!"08006".equals(e.getSQLState())) {
                logger.warn("Derby shutdown of {} failed: {}", derbyUrl, e.getMessage());
            }
        }
    }
}
