package io.helmdesk.auth.impl.internal;

import java.security.SecureRandom;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.auth.api.SecondFactorService;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.OneTimeSecretRecord;
import io.helmdesk.store.api.OneTimeSecretRepository;
import io.helmdesk.store.api.SecondFactorRecord;
import io.helmdesk.store.api.SecondFactorRepository;
import io.helmdesk.store.api.SecretCipher;

/**
 * Second factors. TOTP: 160-bit seeds sealed at rest, codes checked with one step of drift, each time step usable
 * once. E-mail and Telegram: a six-digit code sent when needed (see {@link OneTimeCodes}); the Telegram chat id is
 * sealed at rest like a seed. Every check is limited per account and per address.
 */
@Component(service = {SecondFactorService.class, SecondFactors.class})
public class SecondFactors implements SecondFactorService {

    static final String TOTP = "totp";
    static final String EMAIL = "email";
    static final String EMAIL_CODE = "second-factor-email";
    static final String TELEGRAM = "telegram";
    static final String TELEGRAM_CODE = "second-factor-telegram";
    static final String TELEGRAM_LINK = "telegram-link";
    static final String TELEGRAM_LINK_PREFIX = "hdtg_";
    private static final int SEED_BYTES = 20;
    private static final String ISSUER = "Helmdesk";

    private final Logger logger = LoggerFactory.getLogger(SecondFactors.class);
    private final SecondFactorRepository factors;
    private final AccountRepository accounts;
    private final SecretCipher cipher;
    private final Credentials credentials;
    private final Mailer mailer;
    private final OneTimeCodes codes;
    private final SecureRandom random = new SecureRandom();
    private final Tokens tokens = new Tokens(random);
    private final OneTimeSecretRepository secrets;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile TelegramBot telegram;

    @Activate
    public SecondFactors(@Reference SecondFactorRepository factors, @Reference AccountRepository accounts,
            @Reference SecretCipher cipher, @Reference Credentials credentials, @Reference Mailer mailer,
            @Reference OneTimeSecretRepository secrets) {
        this.factors = factors;
        this.accounts = accounts;
        this.cipher = cipher;
        this.credentials = credentials;
        this.mailer = mailer;
        this.secrets = secrets;
        this.codes = new OneTimeCodes(secrets, credentials);
    }

    @Override
    public void startEmail(String accountId) {
        if (enabledMethod(accountId).isPresent()) {
            throw new IllegalStateException("A second factor is on already: turn it off first");
        }
        mailer.ensureAvailable();
        factors.save(new SecondFactorRecord(accountId, EMAIL, false, "", 0));
        mailCode(account(accountId));
    }

    @Override
    public void confirmEmail(String accountId, String code, String sourceAddress) {
        factors.find(accountId).filter(f -> !f.enabled() && f.method().equals(EMAIL))
                .orElseThrow(() -> new IllegalStateException("Start the e-mail second factor first"));
        codes.redeem(accountId, EMAIL_CODE, code, sourceAddress);
        factors.save(new SecondFactorRecord(accountId, EMAIL, true, "", 0));
        logger.info("Second factor (e-mail code) turned on for account {}", accountId);
    }

    @Override
    public TelegramLink startTelegram(String accountId) {
        if (enabledMethod(accountId).isPresent()) {
            throw new IllegalStateException("A second factor is on already: turn it off first");
        }
        TelegramBot bot = telegram();
        account(accountId);
        String linkCode = tokens.newToken(TELEGRAM_LINK_PREFIX);
        factors.save(new SecondFactorRecord(accountId, TELEGRAM, false, "", 0));
        secrets.replace(new OneTimeSecretRecord(Tokens.hash(linkCode), accountId, TELEGRAM_LINK,
                credentials.clock().millis() + OneTimeCodes.VALIDITY.toMillis(), 1, null));
        return new TelegramLink(bot.username(), linkCode, "https://t.me/" + bot.username() + "?start=" + linkCode);
    }

    @Override
    public void confirmTelegram(String accountId, String code, String sourceAddress) {
        SecondFactorRecord factor = factors.find(accountId).filter(f -> !f.enabled() && f.method().equals(TELEGRAM))
                .orElseThrow(() -> new IllegalStateException("Start the Telegram second factor first"));
        if (factor.secretSealed().isEmpty()) {
            throw new IllegalStateException("Send the link to the bot first: it answers with the code");
        }
        codes.redeem(accountId, TELEGRAM_CODE, code, sourceAddress);
        factors.save(new SecondFactorRecord(accountId, TELEGRAM, true, factor.secretSealed(), 0));
        logger.info("Second factor (Telegram code) turned on for account {}", accountId);
    }

    @Override
    public void sendCode(String accountId) {
        String method = enabledMethod(accountId).orElseThrow(() -> new IllegalStateException("No second factor is on"));
        if (method.equals(TOTP)) {
            throw new IllegalStateException("An authenticator app makes its own codes: none is sent");
        }
        sendSignInCode(account(accountId));
    }

    /** Sends a new code through the account's channel, if its factor is one that sends codes. */
    void sendSignInCode(AccountRecord account) {
        Optional<SecondFactorRecord> factor = factors.find(account.id()).filter(SecondFactorRecord::enabled);
        if (factor.isEmpty()) {
            return;
        }
        switch (factor.get().method()) {
            case EMAIL -> mailCode(account);
            case TELEGRAM -> {
                TelegramBot bot = telegram();
                long chatId = Long.parseLong(cipher.open(factor.get().secretSealed()));
                String code = codes.issue(account.id(), TELEGRAM_CODE, null);
                bot.sendMessage(chatId, "Your Helmdesk code: " + code + " (it works for "
                        + OneTimeCodes.VALIDITY.toMinutes() + " minutes). If you are not signing in, change your "
                        + "password.");
            }
            default -> {
                // An authenticator app makes its own codes.
            }
        }
    }

    /** Mails a new code to the account's address (each voids the one before). */
    private void mailCode(AccountRecord account) {
        String code = codes.issue(account.id(), EMAIL_CODE, null);
        mailer.send(account.email(), "second-factor", java.util.Locale.forLanguageTag(account.language()),
                java.util.Map.of("code", code, "minutes", String.valueOf(OneTimeCodes.VALIDITY.toMinutes())));
    }

    /** The bot, read once as it may go away at any moment. */
    private TelegramBot telegram() {
        TelegramBot bot = telegram;
        if (bot == null || !bot.configured()) {
            throw new DeliveryUnavailableException(
                    "This server has no Telegram bot: its administrator must configure one");
        }
        return bot;
    }

    private AccountRecord account(String accountId) {
        return accounts.findById(accountId).orElseThrow(() -> new IllegalArgumentException("No such account"));
    }

    @Override
    public Optional<String> enabledMethod(String accountId) {
        return factors.find(accountId).filter(SecondFactorRecord::enabled).map(SecondFactorRecord::method);
    }

    @Override
    public TotpEnrollment startTotp(String accountId) {
        if (enabledMethod(accountId).isPresent()) {
            throw new IllegalStateException("A second factor is on already: turn it off first");
        }
        AccountRecord account = accounts.findById(accountId)
                .orElseThrow(() -> new IllegalArgumentException("No such account"));
        byte[] seed = new byte[SEED_BYTES];
        random.nextBytes(seed);
        String secret = Base32.encode(seed);
        factors.save(new SecondFactorRecord(accountId, TOTP, false, cipher.seal(secret), 0));
        String uri = Totp.otpauthUri(ISSUER, account.email(), seed);
        return new TotpEnrollment(secret, uri, QrCodes.png(uri));
    }

    @Override
    public void confirmTotp(String accountId, String code, String sourceAddress) {
        SecondFactorRecord factor = factors.find(accountId).filter(f -> !f.enabled() && f.method().equals(TOTP))
                .orElseThrow(() -> new IllegalStateException("Start the authenticator set-up first"));
        check(factor, code, sourceAddress);
        factors.save(new SecondFactorRecord(accountId, TOTP, true, factor.secretSealed(),
                factors.find(accountId).map(SecondFactorRecord::lastStep).orElse(0L)));
        logger.info("Second factor (authenticator app) turned on for account {}", accountId);
    }

    @Override
    public void disable(String accountId, String code, String sourceAddress) {
        SecondFactorRecord factor = factors.find(accountId).filter(SecondFactorRecord::enabled)
                .orElseThrow(() -> new IllegalStateException("No second factor is on"));
        check(factor, code, sourceAddress);
        factors.delete(accountId);
        logger.info("Second factor turned off for account {}", accountId);
    }

    /** Checks a code of an account whose second factor is on. */
    void verify(String accountId, String code, String sourceAddress) {
        SecondFactorRecord factor = factors.find(accountId).filter(SecondFactorRecord::enabled)
                .orElseThrow(() -> new AuthenticationException("This account has no second factor"));
        check(factor, code, sourceAddress);
    }

    private void check(SecondFactorRecord factor, String code, String sourceAddress) {
        if (factor.method().equals(EMAIL) || factor.method().equals(TELEGRAM)) {
            codes.redeem(factor.accountId(), factor.method().equals(EMAIL) ? EMAIL_CODE : TELEGRAM_CODE, code,
                    sourceAddress);
            return;
        }
        String accountBucket = "code:account:" + factor.accountId();
        String addressBucket = "code:address:" + sourceAddress;
        credentials.limiter().check(addressBucket);
        credentials.limiter().check(accountBucket);
        byte[] seed = Base32.decode(cipher.open(factor.secretSealed()));
        String typed = code == null ? "" : code.replace(" ", "");
        long step = Totp.matchingStep(seed, typed, credentials.clock().millis() / 1000);
        // A step is good once: a code seen over a shoulder or in a log cannot be played again.
        if (step < 0 || !factors.advance(factor.accountId(), step)) {
            credentials.passwordFailed(accountBucket, addressBucket);
            throw new AuthenticationException("The code is wrong or was used already: type the one the app shows now");
        }
        credentials.limiter().succeeded(accountBucket);
        credentials.limiter().succeeded(addressBucket);
    }
}
