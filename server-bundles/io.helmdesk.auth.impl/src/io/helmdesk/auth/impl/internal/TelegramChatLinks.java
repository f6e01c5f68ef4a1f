package io.helmdesk.auth.impl.internal;

import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.RateLimitedException;
import io.helmdesk.store.api.OneTimeSecretRecord;
import io.helmdesk.store.api.OneTimeSecretRepository;
import io.helmdesk.store.api.SecondFactorRecord;
import io.helmdesk.store.api.SecondFactorRepository;
import io.helmdesk.store.api.SecretCipher;

/**
 * What the bot does with "/start CODE": links the chat to the account that asked for the code. Apart from
 * {@link SecondFactors} so that the bot, which {@link SecondFactors} uses to send codes, does not need it back.
 */
@Component(service = TelegramChatLinks.class)
public class TelegramChatLinks {

    private final Logger logger = LoggerFactory.getLogger(TelegramChatLinks.class);
    private final SecondFactorRepository factors;
    private final OneTimeSecretRepository secrets;
    private final SecretCipher cipher;
    private final Credentials credentials;
    private final OneTimeCodes codes;

    @Activate
    public TelegramChatLinks(@Reference SecondFactorRepository factors, @Reference OneTimeSecretRepository secrets,
            @Reference SecretCipher cipher, @Reference Credentials credentials) {
        this.factors = factors;
        this.secrets = secrets;
        this.cipher = cipher;
        this.credentials = credentials;
        this.codes = new OneTimeCodes(secrets, credentials);
    }

    /**
     * A chat sent "/start CODE" to the bot: with a valid link code the chat becomes the account's pending second
     * factor and gets a first code to type into Helmdesk.
     *
     * @return the bot's answer
     */
    String link(long chatId, String linkCode) {
        String chatBucket = "telegram:chat:" + chatId;
        try {
            credentials.limiter().check(chatBucket);
        } catch (RateLimitedException e) {
            return "Too many wrong links from this chat: wait a while and open a new link from Helmdesk.";
        }
        String hash = Tokens.hash(linkCode);
        Optional<OneTimeSecretRecord> link = secrets.find(hash)
                .filter(s -> s.purpose().equals(SecondFactors.TELEGRAM_LINK)
                        && s.expiresAt() > credentials.clock().millis())
                .flatMap(s -> secrets.take(hash));
        Optional<SecondFactorRecord> pending = link.flatMap(l -> factors.find(l.accountId()))
                .filter(f -> !f.enabled() && f.method().equals(SecondFactors.TELEGRAM));
        if (pending.isEmpty()) {
            credentials.limiter().failed(chatBucket, credentials.failuresPerAddress());
            return "This link is unknown, used or expired: open a new one from Helmdesk's account settings.";
        }
        String accountId = pending.get().accountId();
        factors.save(new SecondFactorRecord(accountId, SecondFactors.TELEGRAM, false,
                cipher.seal(Long.toString(chatId)), 0));
        String code = codes.issue(accountId, SecondFactors.TELEGRAM_CODE, null);
        logger.info("Telegram chat linked to account {}, waiting for its first code", accountId);
        return "This chat is now linked to your Helmdesk account. To turn the second factor on, type this code in "
                + "Helmdesk: " + code + " (it works for " + OneTimeCodes.VALIDITY.toMinutes() + " minutes).";
    }
}
