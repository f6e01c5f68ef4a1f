package io.helmdesk.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.DeviceRepository;
import io.helmdesk.store.api.DeviceRepository.LastSeen;
import io.helmdesk.testing.OsgiServices;

/** The devices' "last seen", written for all connected devices at once by the registry once a minute. */
class DeviceLastSeenIT {

    private final String accountId = UUID.randomUUID().toString();
    private final List<String> deviceIds = new ArrayList<>();

    @AfterEach
    void removeDevicesAndAccount() throws Exception {
        DeviceRepository devices = OsgiServices.await(DeviceRepository.class);
        deviceIds.forEach(devices::delete);
        OsgiServices.await(AccountRepository.class).delete(accountId);
    }

    @Test
    void touchAllUpdatesEveryDeviceAcrossTransactionsAndSkipsUnknownOnes() throws Exception {
        DeviceRepository devices = OsgiServices.await(DeviceRepository.class);
        String email = "seen-" + accountId + "@example.org";
        OsgiServices.await(AccountRepository.class).insert(new AccountRecord(accountId, email, email, "Sam Seen",
                "USER", "ACTIVE", null, "en", "UTC", 1_000L));
        List<LastSeen> seen = new ArrayList<>();
        // More than one transaction's worth (500), so that the batches are stitched together right.
        for (int i = 0; i < 520; i++) {
            String id = UUID.randomUUID().toString();
            devices.insert(new DeviceRecord(id, accountId, "key-" + id, id.replace("-", ""), "PC " + i, "pc-" + i, "",
                    "Linux", "6", "0.1.0", 1_000L, "192.0.2.1", true, false, true, 1_000L));
            deviceIds.add(id);
            if (i != 7) {
                seen.add(new LastSeen(id, 2_000_000L + i, "198.51.100." + (i % 250)));
            }
        }
        String unknown = UUID.randomUUID().toString();
        seen.add(300, new LastSeen(unknown, 5L, "203.0.113.9"));

        // A later time already stored wins over an earlier one in the list; the address is the list's.
        devices.touch(deviceIds.get(9), 9_000_000L, "192.0.2.9");

        devices.touchAll(seen);

        for (int i = 0; i < deviceIds.size(); i++) {
            DeviceRecord device = devices.find(deviceIds.get(i)).orElseThrow();
            if (i == 7) {
                assertEquals(1_000L, device.lastSeenAt(), "a device not in the list keeps its time");
                assertEquals("192.0.2.1", device.lastAddress());
            } else if (i == 9) {
                assertEquals(9_000_000L, device.lastSeenAt(), "the later time stays");
                assertEquals("198.51.100.9", device.lastAddress());
            } else {
                assertEquals(2_000_000L + i, device.lastSeenAt(), "device " + i);
                assertEquals("198.51.100." + (i % 250), device.lastAddress(), "device " + i);
            }
        }
        assertFalse(devices.find(unknown).isPresent(), "an unknown device is not created");
    }
}
