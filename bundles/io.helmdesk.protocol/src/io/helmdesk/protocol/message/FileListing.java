package io.helmdesk.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * The entries of a folder of the agent's chosen folder.
 *
 * @param path as requested
 * @param entries at most {@link Limits#FILE_LIST_ENTRIES}
 * @param error empty, or why the folder could not be listed
 */
public record FileListing(String path, List<Entry> entries, String error) implements Message {

    /**
     * @param name a single segment
     * @param folder whether it is a folder
     * @param size in bytes, 0 for folders
     * @param modifiedMillis last modification, epoch milliseconds
     */
    public record Entry(String name, boolean folder, long size, long modifiedMillis) {

        public Entry {
            Checks.nonEmpty("entry name", name, Limits.NAME_BYTES);
            Checks.notNegative("size", size);
        }
    }

    public FileListing {
        Checks.text("path", path, Limits.TEXT_BYTES);
        Objects.requireNonNull(entries, "entries");
        Checks.range("entry count", entries.size(), 0, Limits.FILE_LIST_ENTRIES);
        entries = List.copyOf(entries);
        Checks.text("error", error, Limits.TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.FILE_LISTING;
    }
}
