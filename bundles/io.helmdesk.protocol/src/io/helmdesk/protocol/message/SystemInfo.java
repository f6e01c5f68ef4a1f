package io.helmdesk.protocol.message;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the agent knows about its computer, as ordered sections of ordered key/value pairs. New facts are new keys or
 * sections, not new message layouts; a receiver shows what it does not know as plain text.
 *
 * @param sections at most {@link Limits#SYSTEM_INFO_SECTIONS}, each name once
 */
public record SystemInfo(List<Section> sections) implements Message {

    public static final String OS = "os";
    public static final String CPU = "cpu";
    public static final String MEMORY = "memory";
    public static final String DISKS = "disks";
    public static final String NETWORK = "network";
    public static final String HARDWARE = "hardware";

    /**
     * @param name e.g. {@link SystemInfo#OS}; 1 to 256 bytes
     * @param entries at most {@link Limits#SYSTEM_INFO_ENTRIES}; a key may repeat (e.g. one address per line)
     */
    public record Section(String name, List<Entry> entries) {

        public Section {
            Checks.nonEmpty("section name", name, Limits.NAME_BYTES);
            entries = List.copyOf(entries);
            if (entries.size() > Limits.SYSTEM_INFO_ENTRIES) {
                throw new IllegalArgumentException("section '" + name + "' has " + entries.size()
                        + " entries, more than " + Limits.SYSTEM_INFO_ENTRIES);
            }
        }
    }

    /**
     * @param key e.g. {@code name}, {@code total}; 1 to 256 bytes
     * @param value as people read it, e.g. {@code 15.5 GiB}; up to 4096 bytes
     */
    public record Entry(String key, String value) {

        public Entry {
            Checks.nonEmpty("key", key, Limits.NAME_BYTES);
            Checks.text("value", value, Limits.TEXT_BYTES);
        }
    }

    public SystemInfo {
        sections = List.copyOf(sections);
        if (sections.size() > Limits.SYSTEM_INFO_SECTIONS) {
            throw new IllegalArgumentException(
                    sections.size() + " sections, more than " + Limits.SYSTEM_INFO_SECTIONS);
        }
        Set<String> names = new HashSet<>();
        for (Section section : sections) {
            if (!names.add(section.name())) {
                throw new IllegalArgumentException("section '" + section.name() + "' appears twice");
            }
        }
    }

    @Override
    public MessageType type() {
        return MessageType.SYSTEM_INFO;
    }
}
