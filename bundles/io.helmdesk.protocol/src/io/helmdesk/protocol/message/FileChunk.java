package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * A piece of a file, in order.
 *
 * @param transferId the offer's
 * @param offset where {@code data} starts in the file
 * @param crc32 of {@code data} (CRC-32 as {@link java.util.zip.CRC32}), checked before it is written
 * @param data 1 to {@link Limits#FILE_CHUNK_BYTES} bytes
 */
public record FileChunk(long transferId, long offset, int crc32, byte[] data) implements Message {

    public FileChunk {
        Checks.notNegative("offset", offset);
        Checks.bytes("data", data, 1, Limits.FILE_CHUNK_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.FILE_CHUNK;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileChunk that && transferId == that.transferId && offset == that.offset
                && crc32 == that.crc32 && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transferId, offset, crc32, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "FileChunk[" + transferId + " @" + offset + ", data=" + Checks.describe(data) + "]";
    }
}
