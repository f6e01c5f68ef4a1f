package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code helmdesk_setting}. */
@Entity
@Table(name = "helmdesk_setting")
public class SettingEntity {

    @Id
    @Column(name = "setting_key", length = 200)
    private String key;

    @Column(name = "setting_value", length = 4000, nullable = false)
    private String value;

    /** Epoch milliseconds: one unambiguous representation on every database. */
    @Column(name = "updated_at", nullable = false)
    private long updatedAt;

    protected SettingEntity() {
        // for JPA
    }

    SettingEntity(String key, String value, long updatedAt) {
        this.key = key;
        this.value = value;
        this.updatedAt = updatedAt;
    }

    String value() {
        return value;
    }

    void update(String newValue, long now) {
        value = newValue;
        updatedAt = now;
    }
}
