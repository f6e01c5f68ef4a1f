package io.helmdesk.console.app.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;

/**
 * How the computers view orders what the server sent (DEV-5): the search filters, favourites come first, then the
 * chosen order; grouped, favourites form the first group and the others follow in their groups. Pure, so both views
 * (list and tiles) show the same order.
 */
final class DeviceArrangement {

    static final String FAVOURITES = "Favourites";

    /** What the list is sorted by, after favourites. */
    enum SortOrder {

        NAME("Name"), STATUS("Status"), LAST_CONNECTION("Last connection"), GROUP("Group"), OS("OS");

        final String label;

        SortOrder(String label) {
            this.label = label;
        }
    }

    /** What the list is grouped by. */
    enum Grouping {

        NONE("None"), GROUP("Group"), STATUS("Status"), OS("OS");

        final String label;

        Grouping(String label) {
            this.label = label;
        }
    }

    /**
     * Devices under one heading.
     *
     * @param title the heading; null when the list is not grouped
     */
    record Section(String title, List<DeviceDTO> devices) {
    }

    private DeviceArrangement() {
    }

    /** The devices matching the search, in sections; an empty list when none matches. */
    static List<Section> arrange(List<DeviceDTO> devices, String search, SortOrder order, Grouping grouping) {
        String wanted = search == null ? "" : search.strip().toLowerCase(Locale.ROOT);
        List<DeviceDTO> shown = devices.stream().filter(d -> wanted.isEmpty() || matches(d, wanted))
                .sorted(comparator(order)).toList();
        if (shown.isEmpty()) {
            return List.of();
        }
        if (grouping == Grouping.NONE) {
            List<DeviceDTO> favouritesFirst = new ArrayList<>(shown.stream().filter(DeviceDTO::favourite).toList());
            favouritesFirst.addAll(shown.stream().filter(d -> !d.favourite()).toList());
            return List.of(new Section(null, List.copyOf(favouritesFirst)));
        }
        List<Section> sections = new ArrayList<>();
        List<DeviceDTO> favourites = shown.stream().filter(DeviceDTO::favourite).toList();
        if (!favourites.isEmpty()) {
            sections.add(new Section(FAVOURITES, favourites));
        }
        Map<String, List<DeviceDTO>> groups = new LinkedHashMap<>();
        shown.stream().filter(d -> !d.favourite()).sorted(Comparator.comparing(groupKey(grouping)))
                .forEach(d -> groups.computeIfAbsent(groupTitle(grouping, d), k -> new ArrayList<>()).add(d));
        groups.forEach((title, members) -> sections.add(new Section(title, List.copyOf(members))));
        return List.copyOf(sections);
    }

    /** The groups named on these devices, for suggestions: sorted, without blanks. */
    static List<String> groupNames(List<DeviceDTO> devices) {
        return devices.stream().map(DeviceDTO::groupName).filter(g -> !DeviceText.blank(g)).distinct()
                .sorted(String.CASE_INSENSITIVE_ORDER).toList();
    }

    private static boolean matches(DeviceDTO device, String wanted) {
        for (String field : new String[]{DeviceText.name(device), device.hostName(), device.groupName(),
                device.osName(), device.publicAddress(), device.location(), DeviceText.status(device.status())}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static Comparator<DeviceDTO> comparator(SortOrder order) {
        Comparator<DeviceDTO> byName = Comparator
                .comparing((DeviceDTO d) -> DeviceText.name(d).toLowerCase(Locale.ROOT))
                .thenComparing(DeviceDTO::id);
        return switch (order) {
            case NAME -> byName;
            case STATUS -> Comparator.comparingInt((DeviceDTO d) -> DeviceText.statusRank(d.status()))
                    .thenComparing(byName);
            case LAST_CONNECTION -> Comparator.comparing(DeviceText::lastSeen, Comparator.reverseOrder())
                    .thenComparing(byName);
            // Without a group or OS last: what is named comes before what is not.
            case GROUP -> Comparator.comparing((DeviceDTO d) -> lastIfBlank(d.groupName())).thenComparing(byName);
            case OS -> Comparator
                    .comparing((DeviceDTO d) -> DeviceText.osFamily(d.osName()).equals(DeviceText.UNKNOWN_OS)
                            ? "\uffff"
                            : DeviceText.osFamily(d.osName()).toLowerCase(Locale.ROOT))
                    .thenComparing(byName);
        };
    }

    /** The order of the groups themselves: by status rank, or by name with the unnamed last. */
    private static Function<DeviceDTO, String> groupKey(Grouping grouping) {
        return switch (grouping) {
            case STATUS -> d -> String.valueOf(DeviceText.statusRank(d.status())) + DeviceText.status(d.status());
            case GROUP -> d -> lastIfBlank(d.groupName());
            case OS -> d -> DeviceText.osFamily(d.osName()).equals(DeviceText.UNKNOWN_OS)
                    ? "\uffff"
                    : DeviceText.osFamily(d.osName()).toLowerCase(Locale.ROOT);
            case NONE -> d -> "";
        };
    }

    private static String groupTitle(Grouping grouping, DeviceDTO device) {
        return switch (grouping) {
            case STATUS -> DeviceText.status(device.status());
            case GROUP -> DeviceText.group(device);
            case OS -> DeviceText.osFamily(device.osName());
            case NONE -> "";
        };
    }

    private static String lastIfBlank(String text) {
        return DeviceText.blank(text) ? "\uffff" : text.strip().toLowerCase(Locale.ROOT);
    }
}
