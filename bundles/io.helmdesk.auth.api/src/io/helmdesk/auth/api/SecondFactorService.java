package io.helmdesk.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An account's second factor (ACC-8): an authenticator app (TOTP, enrolled with a QR code and a first code), or a
 * code sent by e-mail at each sign-in.
 */
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
     * Starts the e-mail second factor: a code goes to the account's address; {@link #confirmEmail} with it turns
     * the factor on.
     *
     * @throws IllegalStateException if a second factor is on already, or the server cannot send e-mail
     */
    void startEmail(String accountId);

    /**
     * Turns the e-mail second factor on with the code that was sent.
     *
     * @throws AuthenticationException if the code is wrong or expired
     */
    void confirmEmail(String accountId, String code, String sourceAddress);

    /**
     * Sends a code by e-mail to an account whose second factor is e-mail, e.g. to turn it off.
     *
     * @throws IllegalStateException if the account's second factor is not e-mail, or no mail can be sent
     */
    void sendEmailCode(String accountId);

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
