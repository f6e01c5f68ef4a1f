package io.helmdesk.devices.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Principal;
import io.helmdesk.devices.api.EnrollmentTokenService;
import io.helmdesk.store.api.EnrollmentTokenRecord;
import io.helmdesk.store.api.EnrollmentTokenRepository;

/** {@link EnrollmentTokenService}: 256-bit tokens, prefixed {@code hdenr_}, stored as SHA-256. */
@Component
public class DefaultEnrollmentTokenService implements EnrollmentTokenService {

    static final String PREFIX = "hdenr_";

    private final EnrollmentTokenRepository tokens;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public DefaultEnrollmentTokenService(@Reference EnrollmentTokenRepository tokens) {
        this.tokens = tokens;
    }

    @Override
    public CreatedToken create(Principal caller, String name, int maxUses, Duration validity) {
        require(caller);
        String shownName = name == null ? "" : name.strip();
        if (shownName.isEmpty() || shownName.length() > 100) {
            throw new IllegalArgumentException("A token's name has 1 to 100 characters");
        }
        if (maxUses < 0) {
            throw new IllegalArgumentException("The number of uses is 0 (no limit) or more");
        }
        if (validity != null && (validity.isNegative() || validity.isZero())) {
            throw new IllegalArgumentException("The validity must be positive");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long now = clock.millis();
        EnrollmentTokenRecord record = new EnrollmentTokenRecord(UUID.randomUUID().toString(), caller.accountId(),
                shownName, secret.substring(0, PREFIX.length() + 4), AgentKeys.tokenHash(secret),
                maxUses == 0 ? -1 : maxUses, 0, validity == null ? 0 : now + validity.toMillis(), 0, now);
        tokens.insert(record);
        return new CreatedToken(view(record), secret);
    }

    @Override
    public List<EnrollmentToken> list(Principal caller) {
        require(caller);
        return tokens.listForAccount(caller.accountId()).stream().map(DefaultEnrollmentTokenService::view).toList();
    }

    @Override
    public boolean revoke(Principal caller, String tokenId) {
        require(caller);
        return tokens.revoke(caller.accountId(), tokenId, clock.millis());
    }

    private static void require(Principal caller) {
        if (!caller.has(Permission.OWN_DEVICES)) {
            throw new SecurityException("This caller may not enroll devices");
        }
    }

    private static EnrollmentToken view(EnrollmentTokenRecord record) {
        return new EnrollmentToken(record.id(), record.name(), record.prefix(), record.usesLeft(), record.uses(),
                record.expiresAt() == 0 ? null : Instant.ofEpochMilli(record.expiresAt()),
                record.revokedAt() == 0 ? null : Instant.ofEpochMilli(record.revokedAt()),
                Instant.ofEpochMilli(record.createdAt()));
    }
}
