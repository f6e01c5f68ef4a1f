package io.helmdesk.console.app.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;

/**
 * How a computer's fields read for a person (DEV-3): status words, the OS family its icon stands for, the address
 * with its place, and when it was last connected, said relative to now.
 */
final class DeviceText {

    static final String ONLINE = "ONLINE";
    static final String IN_SESSION = "IN_SESSION";
    static final String SLEEPING = "SLEEPING";
    static final String OFFLINE = "OFFLINE";

    static final String WINDOWS = "Windows";
    static final String MACOS = "macOS";
    static final String LINUX = "Linux";
    static final String UNKNOWN_OS = "Unknown OS";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM);

    private DeviceText() {
    }

    /** The status in words: Online, In session, Sleeping, Offline. */
    static String status(String status) {
        if (status == null) {
            return "Offline";
        }
        return switch (status) {
            case ONLINE -> "Online";
            case IN_SESSION -> "In session";
            case SLEEPING -> "Sleeping";
            case OFFLINE -> "Offline";
            default -> status.charAt(0) + status.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    /** The order of statuses in lists: reachable first. */
    static int statusRank(String status) {
        if (status == null) {
            return 3;
        }
        return switch (status) {
            case ONLINE -> 0;
            case IN_SESSION -> 1;
            case SLEEPING -> 2;
            case OFFLINE -> 3;
            default -> 4;
        };
    }

    /** Whether the agent is connected now, whatever it is doing. */
    static boolean connected(String status) {
        return status != null && !status.equals(OFFLINE) && statusRank(status) < 4;
    }

    /** Whether a session can be opened to it now: its agent is online, idle or in another session. */
    static boolean reachable(String status) {
        return ONLINE.equals(status) || IN_SESSION.equals(status);
    }

    /** The name shown in bold: the card's name, else the host name. */
    /** What Connect does for this computer: whether its user is asked depends on its card (and on its agent). */
    static String connectHint(DeviceDTO device, String target) {
        return device.consentRequired()
                ? "Opens a session to " + target + "; its user is asked to accept"
                : "Opens a session to " + target
                        + "; its card lets sessions open without asking its user, if its agent allows that";
    }

    static String name(DeviceDTO device) {
        return blank(device.displayName()) ? orDash(device.hostName()) : device.displayName();
    }

    /** Windows, macOS, Linux or the OS name as the agent said it; {@link #UNKNOWN_OS} without one. */
    static String osFamily(String osName) {
        if (blank(osName)) {
            return UNKNOWN_OS;
        }
        String lower = osName.toLowerCase(Locale.ROOT);
        if (lower.contains("windows")) {
            return WINDOWS;
        }
        if (lower.contains("mac") || lower.contains("darwin") || lower.contains("os x")) {
            return MACOS;
        }
        for (String linux : new String[]{"linux", "ubuntu", "debian", "fedora", "red hat", "centos", "suse", "arch",
                "mint", "alpine"}) {
            if (lower.contains(linux)) {
                return LINUX;
            }
        }
        return osName.strip();
    }

    /** The OS name with its version, as the agent reported them. */
    static String osWithVersion(DeviceDTO device) {
        if (blank(device.osName())) {
            return UNKNOWN_OS;
        }
        return blank(device.osVersion()) ? device.osName() : device.osName() + " " + device.osVersion();
    }

    /** The public address, with " — City, Country" when the server knows the place. */
    static String address(DeviceDTO device) {
        String address = orDash(device.publicAddress());
        return blank(device.location()) ? address : address + " — " + device.location();
    }

    /** The group, or "No group". */
    static String group(DeviceDTO device) {
        return blank(device.groupName()) ? "No group" : device.groupName();
    }

    /** "now" while connected; else "just now", "5 min ago", "3 h ago", "2 days ago" or the day. */
    static String lastConnection(DeviceDTO device, Instant now, ZoneId zone) {
        if (connected(device.status())) {
            return "now";
        }
        Instant seen = instant(device.lastSeenAt());
        if (seen == null || seen.getEpochSecond() <= 0) {
            return "never";
        }
        Duration ago = Duration.between(seen, now);
        if (ago.isNegative() || ago.toMinutes() < 1) {
            return "just now";
        }
        if (ago.toHours() < 1) {
            return ago.toMinutes() + " min ago";
        }
        if (ago.toDays() < 1) {
            return ago.toHours() + " h ago";
        }
        if (ago.toDays() < 2) {
            return "yesterday";
        }
        if (ago.toDays() < 7) {
            return ago.toDays() + " days ago";
        }
        return DAY.format(seen.atZone(zone));
    }

    /** A day, e.g. for "added on". */
    static String day(String instant, ZoneId zone) {
        Instant parsed = instant(instant);
        return parsed == null ? orDash(instant) : DAY.format(parsed.atZone(zone));
    }

    /** When it was last connected, for sorting: the most recent first, connected ones before all. */
    static Instant lastSeen(DeviceDTO device) {
        if (connected(device.status())) {
            return Instant.MAX;
        }
        Instant seen = instant(device.lastSeenAt());
        return seen == null ? Instant.EPOCH : seen;
    }

    static Instant instant(String text) {
        if (blank(text)) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    static String orDash(String text) {
        return blank(text) ? "–" : text;
    }
}
