package io.helmdesk.store.api;

/**
 * An account's second factor.
 *
 * @param method "totp"
 * @param enabled false while enrolling: the first valid code turns it on
 * @param secretSealed the seed, sealed by {@link SecretCipher}
 * @param lastStep the last TOTP time step accepted; a code of that step or earlier is refused (no replay)
 */
public record SecondFactorRecord(String accountId, String method, boolean enabled, String secretSealed, long lastStep) {
}
