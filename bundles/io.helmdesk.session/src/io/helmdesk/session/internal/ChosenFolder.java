package io.helmdesk.session.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.helmdesk.protocol.message.FileListing;
import io.helmdesk.protocol.message.Limits;

/**
 * The one folder a session's files may come from and go to, and the checks that keep every name the peer sends
 * inside it. A name is a path relative to the folder with {@code /} between segments; it is refused when it could
 * mean something else on some system (empty, {@code .} or {@code ..} segments, backslashes, colons, control
 * characters, Windows device names, trailing dots or spaces), when it resolves outside the folder, and when a link on
 * the way leads outside (checked on the real paths, after the folders are made). The peer's sentences name only the
 * relative name, never where the folder is.
 */
public final class ChosenFolder {

    /** The suffix of a file being received; the name beside it ends in {@link #SIDECAR_SUFFIX}. */
    public static final String PART_SUFFIX = ".helmdesk-part";

    /** The size and SHA-256 a partial file was received for, so that a new offer of the same file resumes it. */
    public static final String SIDECAR_SUFFIX = PART_SUFFIX + ".properties";

    private static final Set<String> WINDOWS_DEVICE_NAMES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
            "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
            "lpt8", "lpt9");

    private final Path root;

    /**
     * @param folder an existing folder; links in its own path are fine (it is kept as its real path)
     * @throws NoSuchFileException or {@link NotDirectoryException} when it is not an existing folder
     */
    public ChosenFolder(Path folder) throws IOException {
        Path real = folder.toRealPath();
        if (!Files.isDirectory(real)) {
            throw new NotDirectoryException(folder.toString());
        }
        this.root = real;
    }

    /** The folder's real path. */
    public Path root() {
        return root;
    }

    /**
     * Checks a name this side sends, by the rules the receiver applies.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static void checkName(String name) {
        String problem = problemWith(name);
        if (problem != null) {
            throw new IllegalArgumentException(Sentences.quote(name) + " " + problem);
        }
    }

    /** Whether a file name is one of the names kept while receiving (never listed, offered or overwritten). */
    public static boolean isTransferFile(String fileName) {
        return fileName.endsWith(PART_SUFFIX) || fileName.endsWith(SIDECAR_SUFFIX);
    }

    /**
     * Where a received file of this name would go, checked without changing anything: inside the folder, and no link
     * on the way leads out. Something of that name may exist already; the caller never overwrites it.
     *
     * @throws Refusal when the name is not acceptable or leads outside the folder
     */
    public Path target(String name) throws Refusal, IOException {
        Path target = inside(name);
        // A link on the way (made by someone on this computer) must not lead out.
        Path existing = target.getParent();
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        requireInside(name, existing.toRealPath());
        return target;
    }

    /**
     * {@link #target(String)}, with its missing parent folders made; checked again once they exist.
     *
     * @throws IOException when the folders cannot be made
     */
    public Path targetWithParents(String name) throws Refusal, IOException {
        Path target = target(name);
        Files.createDirectories(target.getParent());
        requireInside(name, target.getParent().toRealPath());
        return target;
    }

    /**
     * The real path of an existing regular file inside the folder, for the peer to fetch.
     *
     * @throws Refusal when there is no such file inside the folder
     */
    public Path existingFile(String path) throws Refusal, IOException {
        Path real = existing(path);
        if (!Files.isRegularFile(real)) {
            throw new Refusal(Sentences.quote(path) + " is not a file");
        }
        return real;
    }

    /**
     * The entries of a folder inside the folder, by name, at most {@link Limits#FILE_LIST_ENTRIES}. Links are listed
     * when they lead to somewhere inside the folder, with what they lead to; files being received are left out.
     *
     * @param path relative to the folder, or empty for the folder itself
     * @throws Refusal when there is no such folder inside the folder
     */
    public Listing list(String path) throws Refusal, IOException {
        Path folder = path.isEmpty() ? root : existing(path);
        if (!Files.isDirectory(folder)) {
            throw new Refusal(Sentences.quote(path) + " is not a folder");
        }
        List<FileListing.Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(folder)) {
            for (Path child : children) {
                FileListing.Entry entry = entry(child);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        entries.sort(Comparator.comparing(FileListing.Entry::name));
        int total = entries.size();
        if (total > Limits.FILE_LIST_ENTRIES) {
            entries = entries.subList(0, Limits.FILE_LIST_ENTRIES);
        }
        return new Listing(List.copyOf(entries), total);
    }

    /**
     * A folder's entries.
     *
     * @param entries the first {@link Limits#FILE_LIST_ENTRIES} by name
     * @param total how many there are
     */
    public record Listing(List<FileListing.Entry> entries, int total) {
    }

    private FileListing.Entry entry(Path child) {
        String name = child.getFileName().toString();
        if (isTransferFile(name)) {
            return null;
        }
        try {
            BasicFileAttributes attributes = Files.readAttributes(child, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink() || attributes.isOther()) {
                Path real = child.toRealPath();
                if (!real.startsWith(root)) {
                    return null;
                }
                attributes = Files.readAttributes(real, BasicFileAttributes.class);
            }
            boolean folder = attributes.isDirectory();
            return new FileListing.Entry(name, folder, folder ? 0 : attributes.size(),
                    attributes.lastModifiedTime().toMillis());
        } catch (IOException | IllegalArgumentException unlistable) {
            // A dangling link, a file gone meanwhile, a name too long for the protocol: not listed.
            return null;
        }
    }

    /** The real path of something that exists inside the folder. */
    private Path existing(String path) throws Refusal, IOException {
        Path resolved = inside(path);
        Path real;
        try {
            real = resolved.toRealPath();
        } catch (NoSuchFileException e) {
            throw new Refusal(Sentences.quote(path) + " does not exist");
        }
        requireInside(path, real);
        if (isTransferFile(real.getFileName().toString())) {
            throw new Refusal(Sentences.quote(path) + " does not exist");
        }
        return real;
    }

    /** The name resolved against the folder, checked by its text (no file system access). */
    private Path inside(String name) throws Refusal {
        String problem = problemWith(name);
        if (problem != null) {
            throw new Refusal(Sentences.quote(name) + " " + problem);
        }
        Path resolved = root.resolve(name).normalize();
        if (!resolved.startsWith(root) || resolved.equals(root)) {
            throw new Refusal(Sentences.quote(name) + " is not inside the chosen folder");
        }
        return resolved;
    }

    private void requireInside(String name, Path real) throws Refusal {
        if (!real.startsWith(root)) {
            throw new Refusal(Sentences.quote(name) + " leads outside the chosen folder (through a link)");
        }
    }

    /** What is wrong with a name, or null. */
    private static String problemWith(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.startsWith("/")) {
            return "is an absolute path, not a path inside the chosen folder";
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return "is not a plain path inside the chosen folder: it has an empty, '.' or '..' segment";
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                if (c == '\\' || c == ':' || c < 0x20 || c == 0x7f) {
                    return "contains a backslash, colon or control character";
                }
            }
            // Windows drops trailing dots and spaces and opens devices for these names, whatever the extension.
            if (segment.endsWith(".") || segment.endsWith(" ")) {
                return "has a segment ending in a dot or space";
            }
            int dot = segment.indexOf('.');
            String base = (dot < 0 ? segment : segment.substring(0, dot)).strip().toLowerCase(Locale.ROOT);
            if (WINDOWS_DEVICE_NAMES.contains(base)) {
                return "names a device on Windows";
            }
        }
        if (isTransferFile(name)) {
            return "ends like the files kept while receiving (" + PART_SUFFIX + ")";
        }
        return null;
    }
}
