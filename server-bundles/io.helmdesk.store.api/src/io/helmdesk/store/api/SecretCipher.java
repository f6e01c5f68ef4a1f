package io.helmdesk.store.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Encrypts secrets that must be read back (TOTP seeds, later auto-login credentials and plugin credentials) with
 * this installation's key, so that a copy of the database alone does not reveal them. Passwords and tokens are
 * hashed instead, never stored this way.
 */
@ProviderType
public interface SecretCipher {

    /** @return text safe to store: version, nonce and authenticated ciphertext */
    String seal(String secret);

    /**
     * @throws IllegalArgumentException if the text was not sealed with this installation's key, or was altered
     */
    String open(String sealed);
}
