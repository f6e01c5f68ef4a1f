package io.helmdesk.store.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable server-wide settings as key/value text (install identity, first-start facts). Secrets never go
 * here in clear.
 */
@ProviderType
public interface SettingsStore {

    /** The longest key accepted. */
    int MAX_KEY_LENGTH = 200;

    /** The longest value accepted. */
    int MAX_VALUE_LENGTH = 4000;

    Optional<String> get(String key);

    /**
     * Stores a value, replacing any earlier one, and commits before returning.
     *
     * @throws IllegalArgumentException if the key is empty or a length limit is exceeded
     */
    void put(String key, String value);

    /**
     * Stores the value only if the key has none yet, atomically.
     *
     * @return the value now stored: the given one, or the one that was already there
     */
    String putIfAbsent(String key, String value);

    /** Removes the key; does nothing if it is absent. */
    void remove(String key);
}
