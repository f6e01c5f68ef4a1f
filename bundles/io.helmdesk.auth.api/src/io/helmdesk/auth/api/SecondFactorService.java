package io.helmdesk.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** An account's second factor (ACC-8): a TOTP authenticator app, enrolled with a QR code and a first code. */
@ProviderType
public interface SecondFactorService {

    /** The enabled method, e.g. "totp"; empty without second factor. */
    Optional<String> enabledMethod(String accountId);

    /**
     * Starts enrolling an authenticator app: a new seed, shown this once. It counts only after
     * {@link #confirmTotp} with a first valid code.
     *
     * @throws IllegalStateException if a second factor is on already: turn it off first
     */
    TotpEnrollment startTotp(String accountId);

    /**
     * Turns the enrolled authenticator on with its first code.
     *
     * @throws AuthenticationException if the code is wrong (the failure is counted)
     * @throws IllegalStateException if no enrollment was started
     */
    void confirmTotp(String accountId, String code, String sourceAddress);

    /**
     * Turns the second factor off; it takes a valid code.
     *
     * @throws AuthenticationException if the code is wrong
     * @throws IllegalStateException if no second factor is on
     */
    void disable(String accountId, String code, String sourceAddress);

    /**
     * A new authenticator seed.
     *
     * @param secret the seed in base 32, for typing into the app
     * @param otpauthUri the URI the QR code holds
     * @param qrCodePng the QR code as a PNG image
     */
    record TotpEnrollment(String secret, String otpauthUri, byte[] qrCodePng) {
    }
}
