package io.helmdesk.store.jpa.internal;

import java.util.Optional;

import jakarta.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import io.helmdesk.store.api.SettingsStore;

/** {@link SettingsStore} on the server database. */
@Component
public class JpaSettingsStore implements SettingsStore {

    private final JpaDatabase database;

    @Activate
    public JpaSettingsStore(@Reference JpaDatabase database) {
        this.database = database;
    }

    @Override
    public Optional<String> get(String key) {
        checkKey(key);
        return database
                .inTransaction(em -> Optional.ofNullable(em.find(SettingEntity.class, key)).map(SettingEntity::value));
    }

    @Override
    public void put(String key, String value) {
        checkKey(key);
        checkValue(value);
        long now = System.currentTimeMillis();
        database.inTransaction(em -> {
            SettingEntity existing = em.find(SettingEntity.class, key);
            if (existing == null) {
                em.persist(new SettingEntity(key, value, now));
            } else {
                existing.update(value, now);
            }
            return null;
        });
    }

    @Override
    public String putIfAbsent(String key, String value) {
        checkKey(key);
        checkValue(value);
        try {
            return database.inTransaction(em -> {
                SettingEntity existing = em.find(SettingEntity.class, key);
                if (existing != null) {
                    return existing.value();
                }
                em.persist(new SettingEntity(key, value, System.currentTimeMillis()));
                em.flush();
                return value;
            });
        } catch (PersistenceException e) {
            // Another transaction inserted the key between our read and our insert: its value stands.
            return get(key).orElseThrow(() -> e);
        }
    }

    @Override
    public void remove(String key) {
        checkKey(key);
        database.inTransaction(em -> {
            SettingEntity existing = em.find(SettingEntity.class, key);
            if (existing != null) {
                em.remove(existing);
            }
            return null;
        });
    }

    private static void checkKey(String key) {
        if (key == null || key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("A setting key must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
    }

    private static void checkValue(String value) {
        if (value == null || value.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("A setting value must be 0 to " + MAX_VALUE_LENGTH + " characters");
        }
    }
}
