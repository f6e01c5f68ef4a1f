package io.helmdesk.session.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Properties;
import java.util.zip.CRC32;

import io.helmdesk.protocol.message.FileChunk;

/**
 * One file being received: {@code <name>.helmdesk-part} beside where it will be saved, and
 * {@code <name>.helmdesk-part.properties} with the size and SHA-256 it is received for. A later offer of the same file
 * (same size and SHA-256) continues the part where it ended; another file of that name starts it again. Only chunks
 * that passed their checks are written, so the part is always a correct beginning of the file. Whole and matching its
 * SHA-256, it is moved to the name it was sent under, or to {@code name (1).ext}, {@code name (2).ext}… when that is
 * taken: nothing is ever overwritten. The part is locked while it is written, so two transfers (two sessions) never
 * write the same part. Used by one thread at a time.
 */
public final class PartFile {

    private static final int MOST_NUMBERED_NAMES = 9999;

    private final ChosenFolder folder;
    private final Path target;
    private final Path part;
    private final Path sidecar;
    private final long size;
    private final byte[] sha256;
    private final FileChannel channel;
    private final MessageDigest digest;
    private final CRC32 crc = new CRC32();
    private final long resumedAt;
    private long length;
    private boolean released;

    private PartFile(ChosenFolder folder, Path target, Path part, Path sidecar, long size, byte[] sha256,
            FileChannel channel, MessageDigest digest, long length) {
        this.folder = folder;
        this.target = target;
        this.part = part;
        this.sidecar = sidecar;
        this.size = size;
        this.sha256 = sha256.clone();
        this.channel = channel;
        this.digest = digest;
        this.resumedAt = length;
        this.length = length;
    }

    /**
     * Opens the part for a file offered under {@code name}: continues it when it was begun for the same size and
     * SHA-256, starts it empty otherwise.
     *
     * @throws Refusal when the name is refused or the same part is being received already
     * @throws IOException when the part cannot be written
     */
    public static PartFile open(ChosenFolder folder, String name, long size, byte[] sha256)
            throws Refusal, IOException {
        Path target = folder.targetWithParents(name);
        String fileName = target.getFileName().toString();
        Path part = target.resolveSibling(fileName + ChosenFolder.PART_SUFFIX);
        Path sidecar = target.resolveSibling(fileName + ChosenFolder.SIDECAR_SUFFIX);
        FileChannel channel = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!locked(channel)) {
                throw new Refusal(Sentences.quote(name) + " is being received already");
            }
            MessageDigest digest = FileDigest.sha256();
            long existing = channel.size();
            if (existing > 0 && existing <= size && beganFor(sidecar, size, sha256)) {
                // The digest continues from the bytes already there.
                if (FileDigest.update(digest, channel, existing, () -> false) != existing) {
                    throw new IOException("the partial file got shorter while it was read");
                }
            } else {
                channel.truncate(0);
                existing = 0;
                writeSidecar(sidecar, size, sha256);
            }
            return new PartFile(folder, target, part, sidecar, size, sha256, channel, digest, existing);
        } catch (Refusal | IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The bytes received so far: where the next chunk starts. */
    public long length() {
        return length;
    }

    /** Where this transfer began: 0, or the length of the part it continued. */
    public long resumedAt() {
        return resumedAt;
    }

    public boolean isComplete() {
        return length == size;
    }

    /**
     * Checks a chunk and appends it.
     *
     * @throws Refusal when it does not start where the part ends, runs past the announced size, or fails its CRC-32;
     *             nothing of it is written then
     */
    public void write(FileChunk chunk) throws Refusal, IOException {
        byte[] data = chunk.data();
        if (chunk.offset() != length) {
            throw new Refusal("A chunk started at byte " + chunk.offset() + " where byte " + length + " was expected");
        }
        if (data.length > size - length) {
            throw new Refusal("A chunk at byte " + chunk.offset() + " runs past the announced size of " + size
                    + " bytes");
        }
        crc.reset();
        crc.update(data);
        if ((int) crc.getValue() != chunk.crc32()) {
            throw new Refusal("The chunk at byte " + chunk.offset() + " failed its CRC-32 check");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        long position = length;
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        digest.update(data);
        length += data.length;
    }

    /**
     * Saves the whole file: checks its SHA-256 and moves it to a free name.
     *
     * @return where it was saved, relative to the chosen folder with {@code /} between segments
     * @throws Refusal when the SHA-256 differs from the announced one; the part is deleted then (it cannot be
     *             continued)
     * @throws IOException when it cannot be moved; the part is kept
     */
    public String save() throws Refusal, IOException {
        if (!isComplete()) {
            throw new IllegalStateException(length + " of " + size + " bytes received");
        }
        byte[] actual = digest.digest();
        release();
        if (!MessageDigest.isEqual(actual, sha256)) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(sidecar);
            throw new Refusal(
                    "The file arrived with SHA-256 " + HexFormat.of().formatHex(actual) + ", not the announced "
                            + HexFormat.of().formatHex(sha256) + "; it was not saved");
        }
        Path saved = moveToFreeName();
        Files.deleteIfExists(sidecar);
        return folder.root().relativize(saved).toString().replace(saved.getFileSystem().getSeparator(), "/");
    }

    /**
     * Stops receiving and keeps what arrived, so that the next offer of the same file continues it; an empty part is
     * deleted (there is nothing to continue). Does nothing after {@link #save()}.
     */
    public void keep() throws IOException {
        if (released) {
            return;
        }
        release();
        if (length == 0) {
            Files.deleteIfExists(part);
            Files.deleteIfExists(sidecar);
        }
    }

    private void release() throws IOException {
        if (!released) {
            released = true;
            // Closing the channel releases its lock.
            channel.close();
        }
    }

    private Path moveToFreeName() throws IOException {
        String fileName = target.getFileName().toString();
        for (int n = 0; n <= MOST_NUMBERED_NAMES; n++) {
            Path candidate = n == 0 ? target : target.resolveSibling(numbered(fileName, n));
            try {
                // A hard link fails when the name is taken, atomically; a rename would replace what is there.
                Files.createLink(candidate, part);
                Files.delete(part);
                return candidate;
            } catch (FileAlreadyExistsException taken) {
                continue;
            } catch (UnsupportedOperationException | IOException noHardLinks) {
                // E.g. FAT or some network shares: a move without REPLACE_EXISTING checks the name just before.
                try {
                    Files.move(part, candidate);
                    return candidate;
                } catch (FileAlreadyExistsException taken) {
                    continue;
                }
            }
        }
        throw new IOException("No free name for " + Sentences.quote(fileName) + " after " + MOST_NUMBERED_NAMES
                + " numbered copies");
    }

    /** {@code report.pdf} → {@code report (1).pdf}; {@code .profile} → {@code .profile (1)}. */
    static String numbered(String fileName, int n) {
        int dot = fileName.lastIndexOf('.');
        if (dot <= 0) {
            return fileName + " (" + n + ")";
        }
        return fileName.substring(0, dot) + " (" + n + ")" + fileName.substring(dot);
    }

    private static boolean locked(FileChannel channel) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            return lock != null;
        } catch (OverlappingFileLockException heldInThisProcess) {
            return false;
        }
    }

    private static boolean beganFor(Path sidecar, long size, byte[] sha256) {
        Properties recorded = new Properties();
        try (InputStream in = Files.newInputStream(sidecar, LinkOption.NOFOLLOW_LINKS)) {
            recorded.load(in);
        } catch (IOException | IllegalArgumentException missingOrUnreadable) {
            return false;
        }
        return String.valueOf(size).equals(recorded.getProperty("size"))
                && HexFormat.of().formatHex(sha256).equals(recorded.getProperty("sha256"));
    }

    private static void writeSidecar(Path sidecar, long size, byte[] sha256) throws IOException {
        String text = "# A Helmdesk file transfer in progress: what the .helmdesk-part beside it is received for.\n"
                + "size=" + size + "\nsha256=" + HexFormat.of().formatHex(sha256) + "\n";
        try (OutputStream out = Files.newOutputStream(sidecar, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        }
    }
}
