package io.helmdesk.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * SPI for plugins that check passwords elsewhere (a directory, another identity system). When the server's own
 * password check fails, it asks each provider; the first that vouches for the e-mail address and password signs the
 * caller in, to an account created on first use if needed. Register an implementation as an OSGi service.
 */
@ConsumerType
public interface AuthenticationProvider {

    /**
     * Checks a password against this provider.
     *
     * @return who the provider says the caller is, or empty if it does not know them or the password is wrong
     */
    Optional<VerifiedIdentity> verify(String email, String password);

    /** A provider's name for logs, e.g. "ldap:corp". */
    default String name() {
        return getClass().getSimpleName();
    }

    /**
     * An identity vouched for by a provider.
     *
     * @param email the address the account is found or created by
     * @param displayName the name to show, if the provider knows it
     */
    record VerifiedIdentity(String email, String displayName) {
    }
}
