package io.helmdesk.auth.impl.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.store.api.AttemptCounterRepository;

/**
 * The means every check of this bundle shares: password hashing and policy, token making, the limits on failed
 * attempts, and their configuration.
 */
@Component(service = Credentials.class, configurationPid = AuthConfiguration.PID)
@Designate(ocd = AuthConfiguration.class)
public class Credentials {

    private final PasswordHasher hasher;
    private final PasswordPolicy policy = PasswordPolicy.withCommonPasswords();
    private final Tokens tokens;
    private final AttemptLimiter limiter;
    private final AuthConfiguration configuration;
    private final Clock clock = Clock.systemUTC();

    @Activate
    public Credentials(@Reference AttemptCounterRepository counters, AuthConfiguration configuration) {
        SecureRandom random = new SecureRandom();
        this.hasher = new PasswordHasher(random);
        this.tokens = new Tokens(random);
        this.limiter = new AttemptLimiter(counters, clock);
        this.configuration = configuration;
    }

    /**
     * Checks a password of an account with the account's limits.
     *
     * @throws AuthenticationException if it is wrong (the failure is counted)
     */
    void checkPassword(String accountId, String password, String passwordHash, String sourceAddress) {
        String accountBucket = "password:account:" + accountId;
        String addressBucket = "password:address:" + sourceAddress;
        limiter.check(addressBucket);
        limiter.check(accountBucket);
        if (password == null || passwordHash == null || !hasher.matches(password, passwordHash)) {
            passwordFailed(accountBucket, addressBucket);
            throw new AuthenticationException("The password is wrong");
        }
        limiter.succeeded(accountBucket);
    }

    void passwordFailed(String accountBucket, String addressBucket) {
        limiter.failed(accountBucket, configuration.failures_per_account_per_hour());
        limiter.failed(addressBucket, configuration.failures_per_address_per_hour());
    }

    PasswordHasher hasher() {
        return hasher;
    }

    PasswordPolicy policy() {
        return policy;
    }

    Tokens tokens() {
        return tokens;
    }

    AttemptLimiter limiter() {
        return limiter;
    }

    Clock clock() {
        return clock;
    }

    int failuresPerAddress() {
        return configuration.failures_per_address_per_hour();
    }

    Duration sessionIdle() {
        return Duration.ofMinutes(configuration.session_idle_minutes());
    }

    Duration sessionLifetime() {
        return Duration.ofHours(configuration.session_absolute_hours());
    }
}
