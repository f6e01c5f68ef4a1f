package io.helmdesk.store.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/** Devices, their system information and the accounts' favourites. */
@ProviderType
public interface DeviceRepository {

    void insert(DeviceRecord device);

    Optional<DeviceRecord> find(String deviceId);

    Optional<DeviceRecord> findByKeyFingerprint(String keyFingerprint);

    /** An account's devices, by display name. */
    List<DeviceRecord> listForAccount(String accountId);

    /** Every device, by display name (administrators). */
    List<DeviceRecord> listAll();

    /** Replaces the device's row. */
    void update(DeviceRecord device);

    /** Notes that the device was connected at this time, from this address. */
    void touch(String deviceId, long lastSeenAt, String lastAddress);

    /**
     * {@link #touch} for many devices at once, a few hundred per transaction (one commit per device was most of a
     * busy server's CPU); devices that no longer exist are skipped.
     */
    void touchAll(Collection<LastSeen> seen);

    /** When a device was last seen connected, and from where. */
    record LastSeen(String deviceId, long at, String address) {
    }

    /** @return false if there was no such device */
    boolean delete(String deviceId);

    /** Stores the agent's report (JSON), replacing the last one. */
    void saveSystemInfo(String deviceId, String json, long updatedAt);

    Optional<String> systemInfo(String deviceId);

    Set<String> favourites(String accountId);

    void favourite(String accountId, String deviceId, boolean favourite);
}
