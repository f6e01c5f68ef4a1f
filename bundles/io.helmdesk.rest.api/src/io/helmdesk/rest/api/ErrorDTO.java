package io.helmdesk.rest.api;

/**
 * The one error shape of the REST API: every non-2xx answer carries it as JSON.
 *
 * @param status the HTTP status code, repeated for clients that only see the body
 * @param code a stable, machine-readable code, e.g. "not_found" or "invalid_request"
 * @param message a sentence for a person
 */
public record ErrorDTO(int status, String code, String message) {
}
