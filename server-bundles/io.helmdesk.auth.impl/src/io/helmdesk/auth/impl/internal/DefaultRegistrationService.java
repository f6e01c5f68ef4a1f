package io.helmdesk.auth.impl.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.auth.api.RegistrationService;
import io.helmdesk.auth.api.Role;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.OneTimeSecretRecord;
import io.helmdesk.store.api.OneTimeSecretRepository;
import io.helmdesk.store.api.SessionRepository;

/** Registration with a password sent by e-mail, and recovery by a single-use link. */
@Component
public class DefaultRegistrationService implements RegistrationService {

    static final String PENDING = "PENDING";
    static final String RECOVERY = "recovery";
    /** Registrations and recovery requests allowed per source address per hour. */
    static final int MAILS_PER_ADDRESS_PER_HOUR = 20;
    /** A generated password: no look-alike characters (0/O, 1/l/I), 14 of them: about 80 bits. */
    private static final String PASSWORD_LETTERS = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
    private static final String PASSWORD_DIGITS = "23456789";
    private static final int PASSWORD_LENGTH = 14;

    private final Logger logger = LoggerFactory.getLogger(DefaultRegistrationService.class);
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final OneTimeSecretRepository secrets;
    private final Credentials credentials;
    private final Mailer mailer;
    private final SecureRandom random = new SecureRandom();

    @Activate
    public DefaultRegistrationService(@Reference AccountRepository accounts, @Reference SessionRepository sessions,
            @Reference OneTimeSecretRepository secrets, @Reference Credentials credentials, @Reference Mailer mailer) {
        this.mailer = mailer;
        this.accounts = accounts;
        this.sessions = sessions;
        this.secrets = secrets;
        this.credentials = credentials;
    }

    @Override
    public void register(String email, String language, String sourceAddress) {
        String emailKey = DefaultAuthenticationService.checkEmail(email);
        Locale locale = Locale.forLanguageTag(language == null || language.isBlank() ? "en" : language.strip());
        if (locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("'" + language + "' is not a language tag such as en or fr");
        }
        countMail(sourceAddress);
        mailer.ensureAvailable();
        Optional<AccountRecord> existing = accounts.findByEmailKey(emailKey);
        if (existing.isPresent()) {
            // In the account's own language: the mailbox's owner chose it, the requester may be someone else.
            send(existing.get().email(), "already-registered", Locale.forLanguageTag(existing.get().language()),
                    Map.of("email", existing.get().email()));
            return;
        }
        String password = generatePassword();
        AccountRecord account = new AccountRecord(UUID.randomUUID().toString(), email.strip(), emailKey, email.strip(),
                Role.USER.name(), PENDING, credentials.hasher().hash(password), locale.toLanguageTag(), "UTC",
                credentials.clock().millis());
        accounts.insert(account);
        try {
            send(account.email(), "registration", locale, Map.of("email", account.email(), "password", password));
        } catch (IllegalStateException e) {
            accounts.delete(account.id()); // nobody could ever sign in to it
            throw e;
        }
        logger.info("Account {} registered; its password was sent by e-mail", account.id());
    }

    @Override
    public void requestRecovery(String email, String sourceAddress) {
        countMail(sourceAddress);
        String emailKey = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<AccountRecord> account = accounts.findByEmailKey(emailKey);
        if (account.isEmpty()) {
            return; // said nowhere: the caller must not learn which addresses have accounts
        }
        String token = credentials.tokens().newToken(Tokens.RECOVERY_PREFIX);
        long expiresAt = credentials.clock().millis() + Duration.ofMinutes(RECOVERY_MINUTES).toMillis();
        secrets.replace(new OneTimeSecretRecord(Tokens.hash(token), account.get().id(), RECOVERY, expiresAt, 1, null));
        send(account.get().email(), "recovery", Locale.forLanguageTag(account.get().language()),
                Map.of("email", account.get().email(), "token", token, "minutes", String.valueOf(RECOVERY_MINUTES)));
    }

    @Override
    public void completeRecovery(String token, String newPassword, String sourceAddress) {
        String addressBucket = "recovery:address:" + sourceAddress;
        credentials.limiter().check(addressBucket);
        String hash = token == null ? "" : Tokens.hash(token);
        Optional<OneTimeSecretRecord> found = secrets.find(hash).filter(s -> s.purpose().equals(RECOVERY));
        if (found.isEmpty() || found.get().expiresAt() <= credentials.clock().millis()) {
            credentials.limiter().failed(addressBucket, credentials.failuresPerAddress());
            throw new AuthenticationException("This recovery link is not valid (any more): ask for a new one");
        }
        credentials.policy().check(newPassword); // before the token is spent: a refused password does not burn it
        if (secrets.take(hash).isEmpty()) {
            throw new AuthenticationException("This recovery link was used already");
        }
        AccountRecord account = accounts.findById(found.get().accountId())
                .orElseThrow(() -> new AuthenticationException("The account of this link is gone"));
        AccountRecord updated = account.withPasswordHash(credentials.hasher().hash(newPassword));
        if (PENDING.equals(updated.state())) {
            updated = updated.withState(DefaultAuthenticationService.ACTIVE);
        }
        accounts.update(updated);
        sessions.deleteForAccount(account.id(), null);
        logger.info("Password of account {} reset through a recovery link", account.id());
    }

    private void countMail(String sourceAddress) {
        String bucket = "mail:address:" + sourceAddress;
        credentials.limiter().check(bucket);
        // Every request counts: this limit is about mail sent, not about failures.
        credentials.limiter().failed(bucket, MAILS_PER_ADDRESS_PER_HOUR, false);
    }

    private void send(String to, String template, Locale locale, Map<String, String> values) {
        mailer.send(to, template, locale, values);
    }

    String generatePassword() {
        StringBuilder password = new StringBuilder();
        String all = PASSWORD_LETTERS + PASSWORD_DIGITS;
        password.append(PASSWORD_LETTERS.charAt(random.nextInt(PASSWORD_LETTERS.length())));
        password.append(PASSWORD_DIGITS.charAt(random.nextInt(PASSWORD_DIGITS.length())));
        while (password.length() < PASSWORD_LENGTH) {
            password.append(all.charAt(random.nextInt(all.length())));
        }
        // Shuffle so the letter and the digit are not always first.
        for (int i = password.length() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            char swap = password.charAt(i);
            password.setCharAt(i, password.charAt(j));
            password.setCharAt(j, swap);
        }
        return password.toString();
    }
}
