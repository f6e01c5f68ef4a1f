package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One row of {@code helmdesk_device_info}. */
@Entity
@Table(name = "helmdesk_device_info")
public class DeviceInfoEntity {

    @Id
    @Column(name = "device_id")
    private String deviceId;
    private String info;
    @Column(name = "updated_at")
    private long updatedAt;

    protected DeviceInfoEntity() {
        // for JPA
    }

    DeviceInfoEntity(String deviceId, String info, long updatedAt) {
        this.deviceId = deviceId;
        update(info, updatedAt);
    }

    void update(String newInfo, long at) {
        info = newInfo;
        updatedAt = at;
    }

    String info() {
        return info;
    }
}
