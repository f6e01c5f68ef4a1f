package io.helmdesk.store.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Links between accounts and their identities at OpenID Connect providers. */
@ProviderType
public interface ExternalIdentityRepository {

    Optional<ExternalIdentityRecord> find(String providerId, String subject);

    /**
     * Links an identity to an account.
     *
     * @return false if the identity was linked already (to this or another account): the existing link stands
     */
    boolean link(ExternalIdentityRecord identity);
}
