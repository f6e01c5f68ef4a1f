package io.helmdesk.auth.impl.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.auth.api.ApiKeyService;
import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Role;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.ApiKeyRecord;
import io.helmdesk.store.api.ApiKeyRepository;

/** API keys (INT-2): secrets shown once, stored hashed, scoped, revocable. */
@Component
public class DefaultApiKeyService implements ApiKeyService {

    /** How much of a secret a list shows: the type prefix and a few characters, not enough to guess the rest. */
    static final int SHOWN_PREFIX_LENGTH = Tokens.API_KEY_PREFIX.length() + 6;

    private final ApiKeyRepository keys;
    private final AccountRepository accounts;
    private final Credentials credentials;

    @Activate
    public DefaultApiKeyService(@Reference ApiKeyRepository keys, @Reference AccountRepository accounts,
            @Reference Credentials credentials) {
        this.keys = keys;
        this.accounts = accounts;
        this.credentials = credentials;
    }

    @Override
    public CreatedApiKey create(String accountId, String name, Set<Permission> scopes) {
        AccountRecord account = accounts.findById(accountId)
                .orElseThrow(() -> new IllegalArgumentException("No such account"));
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new IllegalArgumentException("Give the key a name of 1 to 100 characters, e.g. the program using it");
        }
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("Give the key at least one scope");
        }
        Set<Permission> allowed = Role.valueOf(account.role()).permissions();
        if (!allowed.containsAll(scopes)) {
            throw new IllegalArgumentException("A key cannot have scopes its account does not have: "
                    + scopes.stream().filter(s -> !allowed.contains(s)).map(Enum::name).sorted().toList());
        }
        if (keys.listForAccount(accountId).stream().filter(k -> k.revokedAt() == 0).count() >= MAX_KEYS_PER_ACCOUNT) {
            throw new IllegalArgumentException("An account may have at most " + MAX_KEYS_PER_ACCOUNT
                    + " keys: revoke one first");
        }
        String secret = credentials.tokens().newToken(Tokens.API_KEY_PREFIX);
        ApiKeyRecord key = new ApiKeyRecord(UUID.randomUUID().toString(), accountId, name.strip(),
                secret.substring(0, SHOWN_PREFIX_LENGTH), Tokens.hash(secret), formatScopes(scopes),
                credentials.clock().millis(), 0, 0);
        keys.insert(key);
        return new CreatedApiKey(toApiKey(key), secret);
    }

    @Override
    public List<ApiKey> list(String accountId) {
        return keys.listForAccount(accountId).stream().map(DefaultApiKeyService::toApiKey).toList();
    }

    @Override
    public void revoke(String accountId, String keyId) {
        if (!keys.revoke(accountId, keyId, credentials.clock().millis())) {
            throw new IllegalArgumentException("This account has no valid key " + keyId);
        }
    }

    private static ApiKey toApiKey(ApiKeyRecord key) {
        return new ApiKey(key.id(), key.name(), key.prefix(), parseScopes(key.scopes()),
                Instant.ofEpochMilli(key.createdAt()),
                key.lastUsedAt() == 0 ? null : Instant.ofEpochMilli(key.lastUsedAt()),
                key.revokedAt() == 0 ? null : Instant.ofEpochMilli(key.revokedAt()));
    }

    static String formatScopes(Set<Permission> scopes) {
        return scopes.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
    }

    /** Unknown names (from a newer or older version) are dropped: a key never gains a permission by accident. */
    static Set<Permission> parseScopes(String scopes) {
        Set<Permission> parsed = EnumSet.noneOf(Permission.class);
        Arrays.stream(scopes.split(",")).map(String::strip).forEach(name -> Arrays.stream(Permission.values())
                .filter(p -> p.name().equals(name)).forEach(parsed::add));
        return parsed;
    }
}
