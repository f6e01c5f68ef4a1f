package io.helmdesk.console.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;

/** When the tile view asks for previews: a connected computer's at most once a minute, an offline one's once. */
class DevicePreviewsTest {

    private static final Instant NOW = Instant.parse("2025-06-02T12:00:00Z");

    @Test
    void connectedOncePerMinuteOfflineOnceNoneWithoutPreview() {
        DevicePreviews previews = new DevicePreviews();
        List<DeviceDTO> devices = List.of(device("online", "ONLINE", true), device("asleep", "SLEEPING", true),
                device("offline", "OFFLINE", true), device("off", "ONLINE", false));
        assertEquals(List.of("online", "asleep", "offline"), previews.due(devices, NOW));
        previews.due(devices, NOW).forEach(id -> previews.asked(id, NOW));
        assertEquals(List.of(), previews.due(devices, NOW.plusSeconds(59)));
        assertEquals(List.of("online", "asleep"), previews.due(devices, NOW.plus(Duration.ofMinutes(1))));

        // Previews turned off, then on again: asked afresh.
        previews.due(List.of(device("offline", "OFFLINE", false)), NOW);
        assertEquals(List.of("offline"), previews.due(List.of(device("offline", "OFFLINE", true)), NOW));
    }

    private static DeviceDTO device(String id, String status, boolean hasPreview) {
        return new DeviceDTO(id, "acc", id, id, "", status, "Linux", "6.8", "0.1.0", NOW.toString(), "192.0.2.1", "",
                "", hasPreview, false, true, false, hasPreview, NOW.toString());
    }
}
