package io.helmdesk.rest.api;

/**
 * The database part of the health answer.
 *
 * @param status "UP" or "DOWN"
 * @param product the database product, e.g. "Apache Derby" or "PostgreSQL"
 * @param productVersion the product's version as the JDBC driver reports it
 * @param schemaVersion the highest schema migration applied
 * @param message why the database is down; null when it is up
 */
public record DatabaseHealthDTO(String status, String product, String productVersion, int schemaVersion,
        String message) {
}
