package io.helmdesk.devices.api;

import java.util.List;

/**
 * One section of what an agent reports about its computer (DEV-7), e.g. "os", "cpu", "memory", "disks", "network",
 * "hardware": ordered key/value pairs.
 */
public record SystemInfoSection(String name, List<Entry> entries) {

    public record Entry(String key, String value) {
    }
}
