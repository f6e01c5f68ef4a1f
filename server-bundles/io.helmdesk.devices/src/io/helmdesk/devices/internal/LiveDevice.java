package io.helmdesk.devices.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.helmdesk.devices.api.CommandOutcome;
import io.helmdesk.devices.api.DeviceStatus;
import io.helmdesk.transport.Connection;

/** A device whose agent is connected now: what the database does not hold. */
final class LiveDevice {

    final String deviceId;
    final Connection connection;
    final String address;
    volatile DeviceStatus status = DeviceStatus.ONLINE;
    volatile String loggedInUser = "";
    volatile long lastSeenAt;
    /** When lastSeenAt was last written to the database. */
    volatile long persistedAt;
    /**
     * The CRC-32C and length of the preview last written, and its file extension: an unchanged screen sends the same
     * bytes each minute, and only the file's time needs to move then.
     */
    volatile long previewChecksum = -1;
    volatile String previewExtension;
    /** Commands sent and not answered yet, by id; 0 is for commands that expect no answer. */
    final Map<Long, CompletableFuture<CommandOutcome>> pendingCommands = new ConcurrentHashMap<>();
    final AtomicLong nextCommandId = new AtomicLong(1);

    LiveDevice(String deviceId, Connection connection, String address, long now) {
        this.deviceId = deviceId;
        this.connection = connection;
        this.address = address;
        this.lastSeenAt = now;
        this.persistedAt = now;
    }
}
