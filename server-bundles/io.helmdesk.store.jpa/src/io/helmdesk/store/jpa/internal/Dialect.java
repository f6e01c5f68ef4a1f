package io.helmdesk.store.jpa.internal;

import java.util.Locale;

/** The databases the store runs on. Names are the values of the {@code type} configuration property. */
enum Dialect {

    DERBY("derby", "org.eclipse.persistence.platform.database.DerbyPlatform"), POSTGRESQL("postgresql",
            "org.eclipse.persistence.platform.database.PostgreSQLPlatform");

    private final String configName;
    private final String eclipseLinkPlatform;

    Dialect(String configName, String eclipseLinkPlatform) {
        this.configName = configName;
        this.eclipseLinkPlatform = eclipseLinkPlatform;
    }

    /** The folder under {@code db/migration/} that holds this database's variant of a migration, if any. */
    String configName() {
        return configName;
    }

    String eclipseLinkPlatform() {
        return eclipseLinkPlatform;
    }

    static Dialect fromConfig(String value) {
        String wanted = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (Dialect dialect : values()) {
            if (dialect.configName.equals(wanted)) {
                return dialect;
            }
        }
        throw new IllegalArgumentException(
                "Unknown database type '" + value
                        + "' in configuration io.helmdesk.store: use 'derby' or 'postgresql'");
    }
}
