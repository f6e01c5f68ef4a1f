package io.helmdesk.auth.impl.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.auth.api.AuthenticationProvider;
import io.helmdesk.auth.api.AuthenticationService;
import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Principal;
import io.helmdesk.auth.api.Role;
import io.helmdesk.auth.api.SessionGrant;
import io.helmdesk.auth.api.SignInResult;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.ApiKeyRecord;
import io.helmdesk.store.api.ApiKeyRepository;
import io.helmdesk.store.api.OneTimeSecretRecord;
import io.helmdesk.store.api.OneTimeSecretRepository;
import io.helmdesk.store.api.SessionRecord;
import io.helmdesk.store.api.SessionRepository;
import io.helmdesk.store.api.SettingsStore;
import io.helmdesk.store.api.StoreUnavailableException;

/**
 * Sign-in with e-mail and password, sessions, bearer tokens (sessions and API keys), and the first-run setup
 * token. Every password and token check is limited per account and per source address.
 */
@Component(service = {AuthenticationService.class, DefaultAuthenticationService.class})
public class DefaultAuthenticationService implements AuthenticationService {

    static final String SETUP_TOKEN_HASH = "auth.setup-token-hash";
    static final String CHALLENGE = "second-factor";
    static final int CHALLENGE_MINUTES = 10;
    static final int CHALLENGE_TRIES = 5;
    static final String ACTIVE = "ACTIVE";
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private final Logger logger = LoggerFactory.getLogger(DefaultAuthenticationService.class);
    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final ApiKeyRepository apiKeys;
    private final SettingsStore settings;
    private final OneTimeSecretRepository challenges;
    private final SecondFactors secondFactors;
    private final Credentials credentials;
    private final AttemptLimiter limiter;
    private final PasswordHasher hasher;
    private final Tokens tokens;
    private final Clock clock;
    // A hash made once, checked when the account is unknown, so that unknown and known addresses take as long.
    private final String decoyHash;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<AuthenticationProvider> providers;

    @Activate
    public DefaultAuthenticationService(@Reference AccountRepository accounts, @Reference SessionRepository sessions,
            @Reference ApiKeyRepository apiKeys, @Reference SettingsStore settings, @Reference Credentials credentials,
            @Reference OneTimeSecretRepository challenges, @Reference SecondFactors secondFactors,
            BundleContext context) {
        this.challenges = challenges;
        this.secondFactors = secondFactors;
        this.accounts = accounts;
        this.sessions = sessions;
        this.apiKeys = apiKeys;
        this.settings = settings;
        this.credentials = credentials;
        this.hasher = credentials.hasher();
        this.tokens = credentials.tokens();
        this.limiter = credentials.limiter();
        this.clock = credentials.clock();
        this.decoyHash = hasher.hash(tokens.newToken(""));
        try {
            if (accounts.count() == 0) {
                announceSetup(context);
            }
        } catch (StoreUnavailableException e) {
            logger.warn("Cannot tell whether this server needs its first administrator: {}", e.getMessage());
        }
    }

    /** A fresh server has no account and no default password: print a one-time link that creates the first admin. */
    private void announceSetup(BundleContext context) {
        String token = tokens.newToken(Tokens.SETUP_PREFIX);
        settings.put(SETUP_TOKEN_HASH, Tokens.hash(token));
        String port = Optional.ofNullable(context.getProperty("org.osgi.service.http.port")).orElse("8080");
        logger.warn("This server has no account yet. Create the first administrator within this run of the server at "
                + "http://localhost:{}/setup.html#{} (the link works once; a restart makes a new one).", port, token);
    }

    @Override
    public boolean setupNeeded() {
        return accounts.count() == 0;
    }

    @Override
    public SessionGrant setUp(String setupToken, String email, String password, String displayName,
            String sourceAddress) {
        String addressBucket = "setup:address:" + sourceAddress;
        limiter.check(addressBucket);
        Optional<String> expected = settings.get(SETUP_TOKEN_HASH);
        if (setupToken == null || expected.isEmpty() || expected.get().isEmpty()
                || !Tokens.sameHash(expected.get(), Tokens.hash(setupToken))) {
            limiter.failed(addressBucket, credentials.failuresPerAddress());
            throw new AuthenticationException("The setup link is not valid (any more)");
        }
        String emailKey = checkEmail(email);
        credentials.policy().check(password);
        String name = displayName == null || displayName.isBlank() ? email.strip() : displayName.strip();
        if (name.length() > 100) {
            throw new IllegalArgumentException("The display name must have at most 100 characters");
        }
        AccountRecord admin = new AccountRecord(UUID.randomUUID().toString(), email.strip(), emailKey, name,
                Role.ADMIN.name(), ACTIVE, hasher.hash(password), "en", "UTC", clock.millis());
        if (!accounts.insertFirst(admin)) {
            throw new AuthenticationException("Setup is done already: sign in instead");
        }
        settings.put(SETUP_TOKEN_HASH, "");
        logger.info("First administrator {} created", admin.id());
        return openSession(admin.id());
    }

    @Override
    public SignInResult signIn(String email, String password, String sourceAddress) {
        String addressBucket = "password:address:" + sourceAddress;
        limiter.check(addressBucket);
        String emailKey = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<AccountRecord> account = accounts.findByEmailKey(emailKey);
        String accountBucket = "password:account:" + account.map(AccountRecord::id).orElse(emailKey);
        limiter.check(accountBucket);
        boolean matches;
        if (account.isPresent() && account.get().passwordHash() != null) {
            matches = password != null && hasher.matches(password, account.get().passwordHash());
        } else {
            hasher.matches(password == null ? "" : password, decoyHash);
            matches = false;
        }
        if (!matches) {
            Optional<AccountRecord> external = verifyWithProviders(email, password);
            if (external.isPresent()) {
                account = external;
                matches = true;
            }
        }
        if (!matches || !(ACTIVE.equals(account.get().state())
                || DefaultRegistrationService.PENDING.equals(account.get().state()))) {
            credentials.passwordFailed(accountBucket, addressBucket);
            throw new AuthenticationException("The e-mail address or the password is wrong");
        }
        limiter.succeeded(accountBucket);
        limiter.succeeded(addressBucket);
        AccountRecord signedIn = account.get();
        if (DefaultRegistrationService.PENDING.equals(signedIn.state())) {
            signedIn = signedIn.withState(ACTIVE);
            accounts.update(signedIn); // ACC-1: active from the first sign-in
        }
        if (signedIn.passwordHash() != null && hasher.needsRehash(signedIn.passwordHash())) {
            accounts.update(signedIn.withPasswordHash(hasher.hash(password)));
        }
        return afterFirstFactor(signedIn);
    }

    /**
     * An account whose first factor was checked elsewhere (an OpenID Connect provider vouched for it): the same
     * second-factor step as after a password.
     *
     * @throws AuthenticationException if the account cannot sign in (disabled, deleted)
     */
    SignInResult signInVerified(String accountId) {
        AccountRecord account = accounts.findById(accountId)
                .filter(a -> ACTIVE.equals(a.state()) || DefaultRegistrationService.PENDING.equals(a.state()))
                .orElseThrow(() -> new AuthenticationException("This account cannot sign in"));
        if (DefaultRegistrationService.PENDING.equals(account.state())) {
            account = account.withState(ACTIVE);
            accounts.update(account);
        }
        return afterFirstFactor(account);
    }

    /** A session, or (with a second factor on) a challenge that opens nothing until a valid code comes with it. */
    private SignInResult afterFirstFactor(AccountRecord signedIn) {
        sessions.deleteExpired(clock.millis(), clock.millis() - idle().toMillis());
        Optional<String> secondFactor = secondFactors.enabledMethod(signedIn.id());
        if (secondFactor.isPresent()) {
            String pending = tokens.newToken(Tokens.CHALLENGE_PREFIX);
            challenges.replace(new OneTimeSecretRecord(Tokens.hash(pending), signedIn.id(), CHALLENGE,
                    clock.millis() + Duration.ofMinutes(CHALLENGE_MINUTES).toMillis(), CHALLENGE_TRIES, null));
            secondFactors.sendSignInCode(signedIn);
            return SignInResult.challenge(pending, secondFactor.get());
        }
        return SignInResult.signedIn(openSession(signedIn.id()));
    }

    @Override
    public SessionGrant completeSignIn(String pendingToken, String code, String sourceAddress) {
        String addressBucket = "code:address:" + sourceAddress;
        limiter.check(addressBucket);
        String hash = pendingToken == null ? "" : Tokens.hash(pendingToken);
        Optional<OneTimeSecretRecord> challenge = challenges.find(hash).filter(c -> c.purpose().equals(CHALLENGE));
        if (challenge.isEmpty() || challenge.get().expiresAt() <= clock.millis()) {
            limiter.failed(addressBucket, credentials.failuresPerAddress());
            throw new AuthenticationException("Sign in again: this second-factor step expired or was used up");
        }
        try {
            secondFactors.verify(challenge.get().accountId(), code, sourceAddress);
        } catch (AuthenticationException e) {
            int left = challenges.wrongTry(hash);
            throw new AuthenticationException(left > 0
                    ? e.getMessage() + " (" + left + " tries left)"
                    : "Too many wrong codes: sign in again");
        }
        if (challenges.take(hash).isEmpty()) {
            throw new AuthenticationException("This second-factor step was used already: sign in again");
        }
        // A new token after the second factor: the challenge's token never becomes a session.
        return openSession(challenge.get().accountId());
    }

    /** Asks the plugins' providers; the first that vouches signs the caller in, creating the account if new. */
    private Optional<AccountRecord> verifyWithProviders(String email, String password) {
        List<AuthenticationProvider> current = providers;
        if (current == null || email == null || password == null) {
            return Optional.empty();
        }
        for (AuthenticationProvider provider : current) {
            Optional<AuthenticationProvider.VerifiedIdentity> identity;
            try {
                identity = provider.verify(email, password);
            } catch (RuntimeException e) {
                logger.warn("Authentication provider {} failed: {}", provider.name(), e.getMessage());
                continue;
            }
            if (identity.isPresent()) {
                String key = identity.get().email().strip().toLowerCase(Locale.ROOT);
                return Optional.of(accounts.findByEmailKey(key).orElseGet(() -> {
                    AccountRecord created = new AccountRecord(UUID.randomUUID().toString(),
                            identity.get().email().strip(),
                            key, Optional.ofNullable(identity.get().displayName()).orElse(identity.get().email()),
                            Role.USER.name(), ACTIVE, null, "en", "UTC", clock.millis());
                    accounts.insert(created);
                    logger.info("Account {} created on first sign-in through {}", created.id(), provider.name());
                    return created;
                }));
            }
        }
        return Optional.empty();
    }

    SessionGrant openSession(String accountId) {
        String token = tokens.newToken(Tokens.SESSION_PREFIX);
        long now = clock.millis();
        long expiresAt = now + credentials.sessionLifetime().toMillis();
        sessions.insert(new SessionRecord(Tokens.hash(token), accountId, now, now, expiresAt));
        return new SessionGrant(token, accountId, Instant.ofEpochMilli(expiresAt));
    }

    @Override
    public void signOut(String token) {
        if (token != null) {
            sessions.delete(Tokens.hash(token));
        }
    }

    @Override
    public Optional<Principal> authenticate(String token, String sourceAddress) {
        String addressBucket = "token:address:" + sourceAddress;
        limiter.check(addressBucket);
        Optional<Principal> principal = token == null
                ? Optional.empty()
                : token.startsWith(Tokens.API_KEY_PREFIX) ? byApiKey(token) : bySession(token);
        if (principal.isEmpty()) {
            // No growing delay here: an expired session is an honest mistake, and 256-bit tokens cannot be guessed.
            limiter.failed(addressBucket, credentials.failuresPerAddress(), false);
        }
        return principal;
    }

    private Optional<Principal> bySession(String token) {
        String hash = Tokens.hash(token);
        Optional<SessionRecord> session = sessions.find(hash);
        long now = clock.millis();
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (session.get().expiresAt() <= now || session.get().lastUsedAt() < now - idle().toMillis()) {
            sessions.delete(hash);
            return Optional.empty();
        }
        Optional<AccountRecord> account = accounts.findById(session.get().accountId())
                .filter(a -> ACTIVE.equals(a.state()));
        if (account.isEmpty()) {
            sessions.delete(hash);
            return Optional.empty();
        }
        // Writing every use would make every request a database write; a minute's precision is plenty for idleness.
        if (now - session.get().lastUsedAt() > Duration.ofMinutes(1).toMillis()) {
            sessions.touch(hash, now);
        }
        Role role = Role.valueOf(account.get().role());
        return Optional.of(new Principal(account.get().id(), account.get().email(), role, Principal.Method.SESSION,
                role.permissions()));
    }

    private Optional<Principal> byApiKey(String token) {
        Optional<ApiKeyRecord> key = apiKeys.findByHash(Tokens.hash(token)).filter(k -> k.revokedAt() == 0);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        Optional<AccountRecord> account = accounts.findById(key.get().accountId())
                .filter(a -> ACTIVE.equals(a.state()));
        if (account.isEmpty()) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (now - key.get().lastUsedAt() > Duration.ofMinutes(1).toMillis()) {
            apiKeys.touch(key.get().id(), now);
        }
        Role role = Role.valueOf(account.get().role());
        // A key never carries more than its account's role allows today.
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        permissions.addAll(DefaultApiKeyService.parseScopes(key.get().scopes()));
        permissions.retainAll(role.permissions());
        return Optional.of(new Principal(account.get().id(), account.get().email(), role, Principal.Method.API_KEY,
                permissions));
    }

    private Duration idle() {
        return credentials.sessionIdle();
    }

    /** @return the e-mail key (lower case) of an acceptable address */
    static String checkEmail(String email) {
        if (email == null || email.strip().length() > 254 || !EMAIL.matcher(email.strip()).matches()) {
            throw new IllegalArgumentException("Enter a valid e-mail address, e.g. name@example.org");
        }
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
