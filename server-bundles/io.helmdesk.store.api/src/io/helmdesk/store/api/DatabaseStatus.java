package io.helmdesk.store.api;

/**
 * What the store knows about its database at one moment.
 *
 * @param up whether the database answered a query just now
 * @param product the database product, e.g. "Apache Derby" or "PostgreSQL"
 * @param productVersion the product version reported by the JDBC driver
 * @param schemaVersion the highest schema migration applied
 * @param message why the database is down; null when it is up
 */
public record DatabaseStatus(boolean up, String product, String productVersion, int schemaVersion, String message) {
}
