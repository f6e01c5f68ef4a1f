package io.helmdesk.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An account's second factor (ACC-8): an authenticator app (TOTP, enrolled with a QR code and a first code), or a
 * code sent at each sign-in by e-mail or by the server's Telegram bot.
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
     * Starts the Telegram second factor: the person sends the returned link code to the server's bot (the deep link
     * does it in one tap); the bot answers with a code, and {@link #confirmTelegram} with it turns the factor on.
     *
     * @throws IllegalStateException if a second factor is on already, or this server has no Telegram bot
     */
    TelegramLink startTelegram(String accountId);

    /**
     * Turns the Telegram second factor on with the code the bot sent.
     *
     * @throws AuthenticationException if the code is wrong or expired
     * @throws IllegalStateException if the chat was not linked yet
     */
    void confirmTelegram(String accountId, String code, String sourceAddress);

    /**
     * Sends a new code through the enabled channel (e-mail or Telegram), e.g. to turn the factor off.
     *
     * @throws IllegalStateException if the account's second factor sends no codes (an authenticator app), or the
     *         channel is down
     */
    void sendCode(String accountId);

    /**
     * Turns the second factor off; it takes a valid code.
     *
     * @throws AuthenticationException if the code is wrong
     * @throws IllegalStateException if no second factor is on
     */
    void disable(String accountId, String code, String sourceAddress);

    /**
     * How to link a Telegram chat.
     *
     * @param botUsername the bot to write to, without "@"
     * @param linkCode what to send to the bot after "/start"; single use, valid 10 minutes
     * @param deepLink the t.me link that opens the bot with the code filled in
     */
    record TelegramLink(String botUsername, String linkCode, String deepLink) {
    }

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
