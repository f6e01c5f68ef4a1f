package io.helmdesk.devices.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.auth.api.Principal;

/**
 * Tokens that let agents join the caller's account on first start, without anyone signing in on the computer (DEV-2):
 * single use, limited or unlimited, with an expiry, revocable at any time.
 */
@ProviderType
public interface EnrollmentTokenService {

    /**
     * A new token; its secret is in the answer this once.
     *
     * @param maxUses how many computers may join with it; 0 for no limit
     * @param validity how long it works; null for no expiry
     * @throws IllegalArgumentException if a value is not acceptable
     */
    CreatedToken create(Principal caller, String name, int maxUses, Duration validity);

    /** The caller's tokens, newest first. */
    List<EnrollmentToken> list(Principal caller);

    /** @return false if the caller has no such token, or it was revoked already */
    boolean revoke(Principal caller, String tokenId);

    /**
     * An enrollment token as listed.
     *
     * @param prefix its first characters
     * @param usesLeft enrollments it still allows; -1 for no limit
     * @param expiresAt null for never
     * @param revokedAt null while valid
     */
    record EnrollmentToken(String id, String name, String prefix, int usesLeft, int uses, Instant expiresAt,
            Instant revokedAt, Instant createdAt) {
    }

    /** A new token and its secret. */
    record CreatedToken(EnrollmentToken token, String secret) {
    }
}
