package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code helmdesk_device_favourite}. */
@Entity
@Table(name = "helmdesk_device_favourite")
public class DeviceFavouriteEntity {

    @Id
    @Column(name = "favourite_key")
    private String favouriteKey;
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "device_id")
    private String deviceId;

    protected DeviceFavouriteEntity() {
        // for JPA
    }

    DeviceFavouriteEntity(String accountId, String deviceId) {
        this.favouriteKey = key(accountId, deviceId);
        this.accountId = accountId;
        this.deviceId = deviceId;
    }

    static String key(String accountId, String deviceId) {
        return accountId + ":" + deviceId;
    }

    String deviceId() {
        return deviceId;
    }
}
