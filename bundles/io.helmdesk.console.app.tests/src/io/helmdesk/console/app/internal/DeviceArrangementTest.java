package io.helmdesk.console.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.helmdesk.console.app.internal.DeviceArrangement.Grouping;
import io.helmdesk.console.app.internal.DeviceArrangement.Section;
import io.helmdesk.console.app.internal.DeviceArrangement.SortOrder;
import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;

/** The order and words of the computers view, without a window: favourites first, statuses, relative times. */
class DeviceArrangementTest {

    private static final Instant NOW = Instant.parse("2025-06-02T12:00:00Z");

    @Test
    void favouritesFirstThenTheChosenOrder() {
        List<DeviceDTO> devices = List.of(device("b", "Bravo", "ONLINE", "Linux", "", false, NOW),
                device("a", "alpha", "OFFLINE", "Windows 11", "Office", false, NOW.minus(Duration.ofDays(2))),
                device("c", "Charlie", "SLEEPING", "Mac OS X", "Office", true, NOW.minus(Duration.ofHours(1))),
                device("d", "Delta", "IN_SESSION", "Windows 10", "Lab", false, NOW));
        assertEquals(List.of("Charlie", "alpha", "Bravo", "Delta"), names(devices, SortOrder.NAME));
        assertEquals(List.of("Charlie", "Bravo", "Delta", "alpha"), names(devices, SortOrder.STATUS));
        assertEquals(List.of("Charlie", "Bravo", "Delta", "alpha"), names(devices, SortOrder.LAST_CONNECTION));
        assertEquals(List.of("Charlie", "Delta", "alpha", "Bravo"), names(devices, SortOrder.GROUP));

        List<Section> byStatus = DeviceArrangement.arrange(devices, "", SortOrder.NAME, Grouping.STATUS);
        assertEquals(List.of("Favourites", "Online", "In session", "Offline"),
                byStatus.stream().map(Section::title).toList());
        List<Section> byGroup = DeviceArrangement.arrange(devices, "", SortOrder.NAME, Grouping.GROUP);
        assertEquals(List.of("Favourites", "Lab", "Office", "No group"), byGroup.stream().map(Section::title).toList());
        assertEquals(List.of("Lab", "Office"), DeviceArrangement.groupNames(devices));

        assertEquals(List.of("Charlie", "alpha"), DeviceArrangement.arrange(devices, " OFFICE ", SortOrder.NAME,
                Grouping.NONE).get(0).devices().stream().map(DeviceDTO::displayName).sorted().toList());
        assertEquals(List.of(), DeviceArrangement.arrange(devices, "nothing", SortOrder.NAME, Grouping.NONE));
    }

    @Test
    void wordsForPeople() {
        assertEquals("now", last("ONLINE", NOW.minus(Duration.ofDays(3))));
        assertEquals("just now", last("OFFLINE", NOW.minusSeconds(20)));
        assertEquals("5 min ago", last("OFFLINE", NOW.minus(Duration.ofMinutes(5))));
        assertEquals("3 h ago", last("OFFLINE", NOW.minus(Duration.ofHours(3))));
        assertEquals("yesterday", last("OFFLINE", NOW.minus(Duration.ofHours(30))));
        assertEquals("4 days ago", last("OFFLINE", NOW.minus(Duration.ofDays(4))));
        assertEquals("never", last("OFFLINE", Instant.EPOCH));
        assertEquals("In session", DeviceText.status("IN_SESSION"));
        assertEquals("Windows", DeviceText.osFamily("Windows Server 2022"));
        assertEquals("macOS", DeviceText.osFamily("Mac OS X"));
        assertEquals("Linux", DeviceText.osFamily("Ubuntu 24.04"));
        assertEquals("FreeBSD", DeviceText.osFamily("FreeBSD"));
        assertEquals("Unknown OS", DeviceText.osFamily(""));
        DeviceDTO placed = new DeviceDTO("x", "acc", "", "host-7", "", "OFFLINE", "Linux", "6.8", "0.1.0",
                NOW.toString(), "203.0.113.5", "Lyon, France", "", true, false, true, false, false,
                NOW.toString());
        assertEquals("203.0.113.5 — Lyon, France", DeviceText.address(placed));
        assertEquals("host-7", DeviceText.name(placed), "without a display name, the host name");
        assertEquals("Opens a session to this computer; its user is asked to accept",
                DeviceText.connectHint(placed, "this computer"));
        DeviceDTO unattended = new DeviceDTO("x", "acc", "", "host-7", "", "ONLINE", "Linux", "6.8", "0.1.0",
                NOW.toString(), "203.0.113.5", "", "", true, false, false, false, false, NOW.toString());
        assertEquals("Opens a session to this computer; its card lets sessions open without asking its user, if its"
                + " agent allows that", DeviceText.connectHint(unattended, "this computer"));
    }

    private static String last(String status, Instant seen) {
        return DeviceText.lastConnection(device("x", "X", status, "Linux", "", false, seen), NOW, ZoneOffset.UTC);
    }

    private static List<String> names(List<DeviceDTO> devices, SortOrder order) {
        return DeviceArrangement.arrange(devices, "", order, Grouping.NONE).get(0).devices().stream()
                .map(DeviceDTO::displayName).toList();
    }

    private static DeviceDTO device(String id, String name, String status, String os, String group, boolean favourite,
            Instant lastSeen) {
        return new DeviceDTO(id, "acc", name, name.toLowerCase(Locale.ROOT), group, status, os, "1", "0.1.0",
                lastSeen.toString(),
                "192.0.2.1", "", "", true, false, true, favourite, false, NOW.minus(Duration.ofDays(9)).toString());
    }
}
