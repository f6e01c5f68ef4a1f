package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The sender proposes a file. The receiver answers with a {@link FileAccept} naming the offset to start from (the
 * length of a partial copy it already holds, to resume) or a {@link FileDone} refusing it.
 *
 * @param transferId chosen by the sender, unique in the session
 * @param name a plain file name, or a path relative to the receiver's chosen folder with {@code /} between segments;
 *            no empty, {@code .} or {@code ..} segment, no leading {@code /}; the receiver checks it again
 * @param size in bytes
 * @param sha256 of the whole file, 32 bytes
 */
public record FileOffer(long transferId, String name, long size, byte[] sha256) implements Message {

    public FileOffer {
        Checks.relativePath("name", name);
        Checks.notNegative("size", size);
        Checks.bytes("sha256", sha256, 32, 32);
    }

    @Override
    public MessageType type() {
        return MessageType.FILE_OFFER;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FileOffer that && transferId == that.transferId && name.equals(that.name)
                && size == that.size && Arrays.equals(sha256, that.sha256);
    }

    @Override
    public int hashCode() {
        return Objects.hash(transferId, name, size, Arrays.hashCode(sha256));
    }

    @Override
    public String toString() {
        return "FileOffer[" + transferId + " '" + name + "', " + size + " bytes, sha256="
                + HexFormat.of().formatHex(sha256) + "]";
    }
}
