package io.helmdesk.store.api;

/**
 * An account's identity at an external provider (OpenID Connect).
 *
 * @param providerId the provider's configured id, e.g. "google"
 * @param subject the provider's stable, never reassigned identifier of the person ({@code sub})
 */
public record ExternalIdentityRecord(String providerId, String subject, String accountId, long createdAt) {
}
