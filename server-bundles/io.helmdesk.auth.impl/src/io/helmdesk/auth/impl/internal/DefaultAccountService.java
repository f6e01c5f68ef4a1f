package io.helmdesk.auth.impl.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.auth.api.Account;
import io.helmdesk.auth.api.AccountService;
import io.helmdesk.auth.api.Role;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.OneTimeSecretRepository;
import io.helmdesk.store.api.SessionRepository;

/** One's own account: reading it and changing its password. */
@Component
public class DefaultAccountService implements AccountService {

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final Credentials credentials;
    private final Mailer mailer;
    private final OneTimeCodes codes;

    @Activate
    public DefaultAccountService(@Reference AccountRepository accounts, @Reference SessionRepository sessions,
            @Reference Credentials credentials, @Reference Mailer mailer, @Reference OneTimeSecretRepository secrets) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.credentials = credentials;
        this.mailer = mailer;
        this.codes = new OneTimeCodes(secrets, credentials);
    }

    static final String EMAIL_CHANGE = "email-change";

    @Override
    public void requestEmailChange(String accountId, String newEmail, String sourceAddress) {
        AccountRecord account = find(accountId);
        String newKey = DefaultAuthenticationService.checkEmail(newEmail);
        if (newKey.equals(account.emailKey())) {
            throw new IllegalArgumentException("This is the account's address already");
        }
        mailer.ensureAvailable();
        String code = codes.issue(accountId, EMAIL_CHANGE, newEmail.strip());
        mailer.send(newEmail.strip(), "email-change", Locale.forLanguageTag(account.language()),
                Map.of("email", newEmail.strip(), "code", code, "minutes",
                        String.valueOf(OneTimeCodes.VALIDITY.toMinutes())));
    }

    @Override
    public Account confirmEmailChange(String accountId, String code, String currentPassword, String sourceAddress) {
        AccountRecord account = find(accountId);
        credentials.checkPassword(accountId, currentPassword, account.passwordHash(), sourceAddress);
        String newEmail = codes.redeem(accountId, EMAIL_CHANGE, code, sourceAddress);
        String newKey = newEmail.toLowerCase(Locale.ROOT);
        if (accounts.findByEmailKey(newKey).isPresent()) {
            throw new IllegalStateException("The address " + newEmail + " belongs to another account now");
        }
        accounts.update(account.withEmail(newEmail, newKey));
        return get(accountId);
    }

    @Override
    public Account get(String accountId) {
        AccountRecord account = find(accountId);
        return new Account(account.id(), account.email(), account.displayName(), Role.valueOf(account.role()),
                account.language(), account.timeZone(), Instant.ofEpochMilli(account.createdAt()));
    }

    @Override
    public void changePassword(String accountId, String currentPassword, String newPassword, String keepSessionToken,
            String sourceAddress) {
        AccountRecord account = find(accountId);
        credentials.checkPassword(accountId, currentPassword, account.passwordHash(), sourceAddress);
        credentials.policy().check(newPassword);
        if (newPassword.equals(currentPassword)) {
            throw new IllegalArgumentException("The new password must differ from the current one");
        }
        accounts.update(account.withPasswordHash(credentials.hasher().hash(newPassword)));
        // Whoever knew the old password must not stay signed in elsewhere.
        sessions.deleteForAccount(accountId, keepSessionToken == null ? null : Tokens.hash(keepSessionToken));
    }

    @Override
    public Account updateProfile(String accountId, String displayName, String language, String timeZone) {
        AccountRecord account = find(accountId);
        String name = displayName == null ? account.displayName() : displayName.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("The display name must have 1 to 100 characters");
        }
        String tag = language == null ? account.language() : language.strip();
        Locale locale = Locale.forLanguageTag(tag);
        if (tag.isEmpty() || tag.length() > 35 || locale.getLanguage().isEmpty()) {
            throw new IllegalArgumentException("'" + tag + "' is not a language tag such as en, fr or pt-BR");
        }
        String zone = timeZone == null ? account.timeZone() : timeZone.strip();
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("'" + zone + "' is not a time zone such as Europe/Paris or UTC");
        }
        accounts.update(account.withProfile(name, locale.toLanguageTag(), zone));
        return get(accountId);
    }

    @Override
    public void delete(String accountId, String password, String sourceAddress) {
        AccountRecord account = find(accountId);
        credentials.checkPassword(accountId, password, account.passwordHash(), sourceAddress);
        if (Role.ADMIN.name().equals(account.role()) && accounts.countActiveWithRole(Role.ADMIN.name()) <= 1) {
            throw new IllegalStateException("This is the server's last administrator: make another one first");
        }
        accounts.delete(accountId);
    }

    private AccountRecord find(String accountId) {
        return accounts.findById(accountId).orElseThrow(() -> new IllegalArgumentException("No such account"));
    }
}
