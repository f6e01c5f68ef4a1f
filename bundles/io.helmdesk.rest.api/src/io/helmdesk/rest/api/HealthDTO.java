package io.helmdesk.rest.api;

/**
 * The answer of {@code GET /api/v1/health}: what a monitoring probe, the console and the status page
 * need to know that a server is up.
 *
 * @param status "UP" when every part answers, "DEGRADED" when the server runs but a part (the database)
 *        does not
 * @param version the server's version
 * @param startedAt when the server started, ISO-8601 instant
 * @param uptimeSeconds seconds since the server started
 * @param database the database's status
 */
public record HealthDTO(String status, String version, String startedAt, long uptimeSeconds,
        DatabaseHealthDTO database) {

    public static final String UP = "UP";
    public static final String DEGRADED = "DEGRADED";
}
