package io.helmdesk.auth.impl.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jwt.JWTClaimsSet;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.auth.api.RateLimitedException;
import io.helmdesk.auth.api.Role;
import io.helmdesk.auth.api.SignInResult;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.ExternalIdentityRecord;
import io.helmdesk.store.api.ExternalIdentityRepository;

/**
 * Sign-in and registration through OpenID Connect providers (ACC-1), for an application that is not a browser: the
 * console starts a sign-in and gets a URL for the browser and a poll token; the provider sends the browser back to
 * {@link #callback}; the console's next poll gets the session (or the second-factor step). Sign-ins in progress live
 * in memory for 10 minutes at most: a restart only means clicking again.
 */
@Component(service = OidcSignIn.class)
public class OidcSignIn {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    static final String POLL_PREFIX = "hdoidc_";
    private static final int MAX_IN_PROGRESS = 10_000;

    /** A provider as shown on a sign-in button. */
    public record ProviderInfo(String id, String name) {
    }

    /** A sign-in started: where to send the browser, and what to poll with. */
    public record Started(String authorizationUrl, String pollToken, long expiresAt) {
    }

    /** One sign-in in progress; the browser's side completes it, the console's side collects it. */
    private static final class InProgress {

        final String providerId;
        final String pollHash;
        final String nonce;
        final String verifier;
        final String redirect;
        final long expiresAt;
        volatile String accountId;
        volatile String failure;

        InProgress(String providerId, String pollHash, String nonce, String verifier, String redirect,
                long expiresAt) {
            this.providerId = providerId;
            this.pollHash = pollHash;
            this.nonce = nonce;
            this.verifier = verifier;
            this.redirect = redirect;
            this.expiresAt = expiresAt;
        }
    }

    private final Logger logger = LoggerFactory.getLogger(OidcSignIn.class);
    private final Map<String, OidcProvider> providers = new ConcurrentHashMap<>();
    private final Map<String, InProgress> byState = new ConcurrentHashMap<>();
    private final Map<String, InProgress> byPoll = new ConcurrentHashMap<>();
    private final Tokens tokens = new Tokens(new SecureRandom());
    private final DefaultAuthenticationService authentication;
    private final AccountRepository accounts;
    private final ExternalIdentityRepository identities;
    private final Credentials credentials;

    @Activate
    public OidcSignIn(@Reference DefaultAuthenticationService authentication, @Reference AccountRepository accounts,
            @Reference ExternalIdentityRepository identities, @Reference Credentials credentials) {
        this.authentication = authentication;
        this.accounts = accounts;
        this.identities = identities;
        this.credentials = credentials;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addProvider(OidcProvider provider) {
        providers.put(provider.id(), provider);
    }

    void removeProvider(OidcProvider provider) {
        providers.remove(provider.id(), provider);
    }

    public List<ProviderInfo> providers() {
        return providers.values().stream().map(p -> new ProviderInfo(p.id(), p.name()))
                .sorted(Comparator.comparing(ProviderInfo::name)).toList();
    }

    /**
     * Starts a sign-in.
     *
     * @param defaultRedirect this server's callback URL as the caller reached it
     * @throws IllegalArgumentException if there is no such provider
     * @throws DeliveryUnavailableException if the provider cannot be reached
     */
    public Started start(String providerId, String defaultRedirect, String sourceAddress) {
        credentials.limiter().check("oidc:address:" + sourceAddress);
        OidcProvider provider = providers.get(providerId);
        if (provider == null) {
            throw new IllegalArgumentException("There is no sign-in provider " + providerId);
        }
        long now = credentials.clock().millis();
        byState.values().removeIf(p -> p.expiresAt <= now);
        byPoll.values().removeIf(p -> p.expiresAt <= now);
        if (byPoll.size() >= MAX_IN_PROGRESS) {
            throw new RateLimitedException(60);
        }
        String state = tokens.newToken("");
        String nonce = tokens.newToken("");
        String verifier = tokens.newToken(""); // 43 characters of base64url: RFC 7636 asks for 43 to 128
        String pollToken = tokens.newToken(POLL_PREFIX);
        String redirect = provider.redirectUri(defaultRedirect);
        String url;
        try {
            url = provider.authorizationUrl(state, nonce, codeChallenge(verifier), redirect);
        } catch (IOException e) {
            logger.warn("OpenID Connect provider {} unreachable: {}", providerId, e.getMessage());
            throw new DeliveryUnavailableException(
                    "The sign-in provider " + provider.name() + " cannot be reached now; try again later");
        }
        InProgress signIn = new InProgress(providerId, Tokens.hash(pollToken), nonce, verifier, redirect,
                now + VALIDITY.toMillis());
        byState.put(Tokens.hash(state), signIn);
        byPoll.put(signIn.pollHash, signIn);
        return new Started(url, pollToken, signIn.expiresAt);
    }

    /**
     * The provider sent the browser back. A state is good once.
     *
     * @return what to tell the person in the browser
     * @throws AuthenticationException if the state is unknown, used or expired, or the sign-in failed
     */
    public String callback(String state, String code, String error, String errorDescription, String sourceAddress) {
        String addressBucket = "oidc:address:" + sourceAddress;
        credentials.limiter().check(addressBucket);
        InProgress signIn = state == null ? null : byState.remove(Tokens.hash(state));
        if (signIn == null || signIn.expiresAt <= credentials.clock().millis()) {
            credentials.limiter().failed(addressBucket, credentials.failuresPerAddress());
            throw new AuthenticationException(
                    "This sign-in is unknown, used or expired: start again from Helmdesk");
        }
        try {
            OidcProvider provider = Optional.ofNullable(providers.get(signIn.providerId)).orElseThrow(
                    () -> new AuthenticationException("This sign-in provider was removed meanwhile"));
            if (error != null) {
                throw new AuthenticationException("The provider did not sign you in: " + error
                        + (errorDescription == null ? "" : " (" + errorDescription + ")"));
            }
            if (code == null || code.isBlank()) {
                throw new AuthenticationException("The provider sent no authorization code");
            }
            JWTClaimsSet claims;
            try {
                claims = provider.exchange(code, signIn.verifier, signIn.redirect, signIn.nonce);
            } catch (IOException e) {
                logger.warn("OpenID Connect provider {} failed: {}", provider.id(), e.getMessage());
                throw new AuthenticationException("The sign-in provider cannot be reached now; try again later");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AuthenticationException("The server is stopping; try again later");
            }
            AccountRecord account = account(provider, claims);
            signIn.accountId = account.id();
            logger.info("Account {} signed in through {}", account.id(), provider.id());
            return "You are signed in to Helmdesk as " + account.email()
                    + ". You can close this window and go back to Helmdesk.";
        } catch (AuthenticationException e) {
            signIn.failure = e.getMessage();
            throw e;
        }
    }

    /**
     * What became of a sign-in: empty while the browser side is not done.
     *
     * @throws AuthenticationException if the poll token is unknown or expired, or the sign-in failed
     */
    public Optional<SignInResult> poll(String pollToken, String sourceAddress) {
        String addressBucket = "oidc:address:" + sourceAddress;
        credentials.limiter().check(addressBucket);
        String hash = pollToken == null ? "" : Tokens.hash(pollToken);
        InProgress signIn = byPoll.get(hash);
        if (signIn == null || signIn.expiresAt <= credentials.clock().millis()) {
            byPoll.remove(hash);
            credentials.limiter().failed(addressBucket, credentials.failuresPerAddress());
            throw new AuthenticationException("This sign-in is unknown or expired: start again");
        }
        if (signIn.failure != null) {
            byPoll.remove(hash, signIn);
            throw new AuthenticationException(signIn.failure);
        }
        if (signIn.accountId == null) {
            return Optional.empty();
        }
        if (!byPoll.remove(hash, signIn)) {
            throw new AuthenticationException("This sign-in was collected already");
        }
        return Optional.of(authentication.signInVerified(signIn.accountId));
    }

    /** The account of this identity: linked before, or found by its verified address, or created. */
    private AccountRecord account(OidcProvider provider, JWTClaimsSet claims) {
        String subject = claims.getSubject();
        Optional<AccountRecord> linked = identities.find(provider.id(), subject)
                .flatMap(i -> accounts.findById(i.accountId()));
        if (linked.isPresent()) {
            return linked.get();
        }
        String email = stringClaim(claims, "email");
        if (email == null || !Boolean.TRUE.equals(booleanClaim(claims, "email_verified"))) {
            throw new AuthenticationException(provider.name() + " did not confirm an e-mail address for this "
                    + "account; Helmdesk needs one");
        }
        email = email.strip();
        String key = email.toLowerCase(Locale.ROOT);
        // The provider vouches that this person owns the address: the one our recovery mail would reach.
        Optional<AccountRecord> byAddress = accounts.findByEmailKey(key);
        AccountRecord account;
        if (byAddress.isPresent()) {
            account = byAddress.get();
        } else if (provider.allowRegistration()) {
            account = register(email, key, claims);
        } else {
            throw new AuthenticationException("No Helmdesk account uses " + email
                    + ", and accounts are not created through " + provider.name());
        }
        identities.link(new ExternalIdentityRecord(provider.id(), subject, account.id(), credentials.clock().millis()));
        return account;
    }

    private AccountRecord register(String email, String key, JWTClaimsSet claims) {
        if (email.length() > 254) {
            throw new AuthenticationException("The provider's e-mail address is too long");
        }
        String name = Optional.ofNullable(stringClaim(claims, "name")).filter(n -> !n.isBlank()).orElse(email);
        name = name.length() > 100 ? name.substring(0, 100) : name;
        String locale = Optional.ofNullable(stringClaim(claims, "locale")).orElse("en");
        String language = locale.toLowerCase(Locale.ROOT).startsWith("fr") ? "fr" : "en";
        String zone = "UTC";
        try {
            zone = ZoneId.of(Optional.ofNullable(stringClaim(claims, "zoneinfo")).orElse("UTC")).getId();
        } catch (DateTimeException e) {
            // Keep UTC: the person can set it in the profile.
        }
        // No password: this person signs in through the provider, or sets one by recovery.
        AccountRecord account = new AccountRecord(UUID.randomUUID().toString(), email, key, name, Role.USER.name(),
                DefaultAuthenticationService.ACTIVE, null, language, zone, credentials.clock().millis());
        accounts.insert(account);
        logger.info("Account {} registered through OpenID Connect", account.id());
        return account;
    }

    /** RFC 7636 4.2: BASE64URL(SHA256(ASCII(code_verifier))). */
    static String codeChallenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }

    private static Boolean booleanClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getBooleanClaim(name);
        } catch (ParseException e) {
            // Some providers send "true" as a string.
            return "true".equals(stringClaim(claims, name)) ? Boolean.TRUE : null;
        }
    }
}
