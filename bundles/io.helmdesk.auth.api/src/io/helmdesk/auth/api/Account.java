package io.helmdesk.auth.api;

import java.time.Instant;

/**
 * An account as its owner sees it.
 *
 * @param id stable identifier
 * @param email e-mail address, used to sign in
 * @param displayName the name shown to others
 * @param role the role on this server
 * @param language preferred language (BCP 47 tag, e.g. "en" or "fr-FR")
 * @param timeZone IANA time zone, e.g. "Europe/Paris"
 * @param createdAt when the account was created
 */
public record Account(String id, String email, String displayName, Role role, String language, String timeZone,
        Instant createdAt) {
}
