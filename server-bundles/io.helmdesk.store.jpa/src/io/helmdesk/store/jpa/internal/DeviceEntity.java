package io.helmdesk.store.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.helmdesk.store.api.DeviceRecord;

/** One row of {@code helmdesk_device}. */
@Entity
@Table(name = "helmdesk_device")
public class DeviceEntity {

    @Id
    private String id;
    @Column(name = "account_id")
    private String accountId;
    @Column(name = "public_key")
    private String publicKey;
    @Column(name = "key_fingerprint")
    private String keyFingerprint;
    @Column(name = "display_name")
    private String displayName;
    @Column(name = "host_name")
    private String hostName;
    @Column(name = "group_name")
    private String groupName;
    @Column(name = "os_name")
    private String osName;
    @Column(name = "os_version")
    private String osVersion;
    @Column(name = "agent_version")
    private String agentVersion;
    @Column(name = "last_seen_at")
    private long lastSeenAt;
    @Column(name = "last_address")
    private String lastAddress;
    @Column(name = "previews_enabled")
    private int previewsEnabled;
    @Column(name = "operators_may_configure")
    private int operatorsMayConfigure;
    @Column(name = "consent_required")
    private int consentRequired;
    @Column(name = "created_at")
    private long createdAt;

    protected DeviceEntity() {
        // for JPA
    }

    DeviceEntity(DeviceRecord device) {
        id = device.id();
        accountId = device.accountId();
        publicKey = device.publicKey();
        keyFingerprint = device.keyFingerprint();
        createdAt = device.createdAt();
        copy(device);
    }

    /** Everything but identity, owner and key, which never change. */
    void copy(DeviceRecord device) {
        displayName = device.displayName();
        hostName = device.hostName();
        groupName = device.groupName();
        osName = device.osName();
        osVersion = device.osVersion();
        agentVersion = device.agentVersion();
        lastSeenAt = device.lastSeenAt();
        lastAddress = device.lastAddress();
        previewsEnabled = device.previewsEnabled() ? 1 : 0;
        operatorsMayConfigure = device.operatorsMayConfigure() ? 1 : 0;
        consentRequired = device.consentRequired() ? 1 : 0;
    }

    void touch(long seenAt, String address) {
        lastSeenAt = Math.max(lastSeenAt, seenAt);
        lastAddress = address;
    }

    DeviceRecord toRecord() {
        return new DeviceRecord(id, accountId, publicKey, keyFingerprint, displayName, hostName, groupName, osName,
                osVersion, agentVersion, lastSeenAt, lastAddress, previewsEnabled == 1, operatorsMayConfigure == 1,
                consentRequired == 1, createdAt);
    }
}
