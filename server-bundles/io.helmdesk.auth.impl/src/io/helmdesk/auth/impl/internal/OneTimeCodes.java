package io.helmdesk.auth.impl.internal;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.store.api.OneTimeSecretRecord;
import io.helmdesk.store.api.OneTimeSecretRepository;

/**
 * Six-digit codes sent to people: single use, valid 10 minutes, burnt after 5 wrong tries, one per account and
 * purpose (a new one voids the old). Stored as a hash bound to the account and purpose.
 */
final class OneTimeCodes {

    static final Duration VALIDITY = Duration.ofMinutes(10);
    static final int TRIES = 5;

    private final OneTimeSecretRepository secrets;
    private final Credentials credentials;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(OneTimeSecretRepository secrets, Credentials credentials) {
        this.secrets = secrets;
        this.credentials = credentials;
    }

    /** A new code for the account and purpose; the payload is what it will confirm. */
    String issue(String accountId, String purpose, String payload) {
        String code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        secrets.replace(new OneTimeSecretRecord(hash(accountId, purpose, code), accountId, purpose,
                credentials.clock().millis() + VALIDITY.toMillis(), TRIES, payload));
        return code;
    }

    /**
     * Spends a code.
     *
     * @return the payload it confirms
     * @throws AuthenticationException if there is no valid code, or this one is wrong (a try is counted)
     */
    String redeem(String accountId, String purpose, String code, String sourceAddress) {
        String addressBucket = "code:address:" + sourceAddress;
        credentials.limiter().check(addressBucket);
        Optional<OneTimeSecretRecord> issued = secrets.findFor(accountId, purpose)
                .filter(s -> s.expiresAt() > credentials.clock().millis());
        if (issued.isEmpty()) {
            throw new AuthenticationException("There is no valid code: ask for a new one");
        }
        String typed = code == null ? "" : code.strip();
        if (!Tokens.sameHash(issued.get().secretHash(), hash(accountId, purpose, typed))) {
            credentials.limiter().failed(addressBucket, credentials.failuresPerAddress());
            int left = secrets.wrongTry(issued.get().secretHash());
            throw new AuthenticationException(left > 0
                    ? "The code is wrong (" + left + " tries left)"
                    : "The code is wrong, and was the last try: ask for a new one");
        }
        if (secrets.take(issued.get().secretHash()).isEmpty()) {
            throw new AuthenticationException("This code was used already");
        }
        return issued.get().payload();
    }

    private static String hash(String accountId, String purpose, String code) {
        return Tokens.hash(accountId + ":" + purpose + ":" + code);
    }
}
