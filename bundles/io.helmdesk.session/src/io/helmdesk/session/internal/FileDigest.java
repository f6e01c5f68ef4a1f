package io.helmdesk.session.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.function.BooleanSupplier;

/** SHA-256 of files, read in pieces so that a file of any size costs one buffer. */
public final class FileDigest {

    private static final int BUFFER_BYTES = 256 * 1024;

    private FileDigest() {
    }

    /**
     * @param size the bytes read, which is the file's size when nothing changed it meanwhile
     * @param sha256 their SHA-256
     */
    public record Result(long size, byte[] sha256) {
    }

    /** A new SHA-256 digest; every Java runtime has one. */
    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no SHA-256", e);
        }
    }

    /**
     * Reads a whole file.
     *
     * @param stop asked between pieces; when it says so, reading ends with an {@link InterruptedIOException}
     */
    public static Result of(Path file, BooleanSupplier stop) throws IOException {
        MessageDigest digest = sha256();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = update(digest, channel, Long.MAX_VALUE, stop);
            return new Result(size, digest.digest());
        }
    }

    /**
     * Adds the first {@code length} bytes of a channel (or all, if it is shorter) to a digest, reading from position
     * 0 without moving the channel's position.
     *
     * @return the bytes read
     */
    public static long update(MessageDigest digest, FileChannel channel, long length, BooleanSupplier stop)
            throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        long position = 0;
        while (position < length) {
            if (stop.getAsBoolean()) {
                throw new InterruptedIOException("stopped");
            }
            buffer.clear();
            if (length - position < buffer.capacity()) {
                buffer.limit((int) (length - position));
            }
            int read = channel.read(buffer, position);
            if (read < 0) {
                break;
            }
            buffer.flip();
            digest.update(buffer);
            position += read;
        }
        return position;
    }
}
