package io.helmdesk.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one payload, in order: big-endian integers, length-prefixed UTF-8 strings and byte arrays,
 * element counts. Every length is checked against the field's limit and against the bytes left before anything is
 * allocated; every failure is a {@link ProtocolException} that names the field. Call {@link #expectEnd(String)} after
 * the last field: a payload with bytes left over is refused.
 */
public final class PayloadReader {

    private final ByteBuffer buffer;

    public PayloadReader(byte[] payload) {
        this.buffer = ByteBuffer.wrap(payload);
    }

    /** Bytes not read yet. */
    public int remaining() {
        return buffer.remaining();
    }

    public int readUnsignedByte(String field) {
        need(field, 1);
        return buffer.get() & 0xFF;
    }

    public int readUnsignedShort(String field) {
        need(field, 2);
        return buffer.getShort() & 0xFFFF;
    }

    public int readInt(String field) {
        need(field, 4);
        return buffer.getInt();
    }

    public long readLong(String field) {
        need(field, 8);
        return buffer.getLong();
    }

    /** One byte, 0 or 1; any other value is refused so that every value has exactly one encoding. */
    public boolean readBoolean(String field) {
        int value = readUnsignedByte(field);
        if (value > 1) {
            throw violation(String.format("Field '%s' holds 0x%02x, not a boolean (0 or 1)", field, value));
        }
        return value == 1;
    }

    /** A 32-bit byte count, then that many bytes of UTF-8; malformed UTF-8 is refused. */
    public String readString(String field, int maxBytes) {
        int length = readLength("string", field, maxBytes);
        ByteBuffer bytes = buffer.slice(buffer.position(), length);
        try {
            String value = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
            buffer.position(buffer.position() + length);
            return value;
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION,
                    "String field '" + field + "' is not valid UTF-8", e);
        }
    }

    /** A 32-bit byte count, then that many bytes. */
    public byte[] readBytes(String field, int maxBytes) {
        byte[] value = new byte[readLength("byte", field, maxBytes)];
        buffer.get(value);
        return value;
    }

    /**
     * A 32-bit element count of a list or map that follows. Only the count is checked here: the elements are read one
     * by one, so a count larger than the payload can hold fails on the first missing element.
     */
    public int readCount(String field, int maxCount) {
        return checkCount(field, readInt(field), maxCount);
    }

    /**
     * An unsigned number as a varint (unsigned LEB128, see {@link PayloadWriter#writeVarint}), in its shortest form
     * only, so that every value has exactly one encoding: a last byte of 0 (a redundant group) is refused. A varint
     * longer than the limit allows is refused at its first byte too many, before any arithmetic could overflow.
     *
     * @param max the field's limit, 0 to {@link Long#MAX_VALUE}
     */
    public long readVarint(String field, long max) {
        int bits = 64 - Long.numberOfLeadingZeros(max);
        long value = 0;
        for (int shift = 0, read = 0;; shift += 7, read++) {
            if (!buffer.hasRemaining()) {
                throw violation(read == 0
                        ? "Truncated field '" + field + "': needs a varint, 0 bytes left"
                        : "Truncated varint field '" + field + "': cut after " + bytes(read));
            }
            if (shift > 0 && shift >= bits) {
                // A further byte that is not a redundant 0 makes the value at least 2^shift, beyond the limit.
                throw violation("Varint field '" + field + "' is longer than its limit " + max + " allows (more than "
                        + bytes(read) + ")");
            }
            int next = buffer.get() & 0xFF;
            if (next == 0 && shift > 0) {
                throw violation("Varint field '" + field + "' is not in its shortest form (a last byte of 0)");
            }
            value |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                if (value > max) {
                    throw violation("Varint field '" + field + "' holds " + value + ", more than its limit " + max);
                }
                return value;
            }
        }
    }

    /** A varint byte count, then that many bytes; the count is checked before anything is allocated. */
    public byte[] readVarBytes(String field, int maxBytes) {
        int length = (int) readVarint(field, Integer.MAX_VALUE);
        byte[] value = new byte[checkLength("byte", field, length, maxBytes)];
        buffer.get(value);
        return value;
    }

    /** A varint element count of a list that follows; as with {@link #readCount}, only the count is checked here. */
    public int readVarCount(String field, int maxCount) {
        return checkCount(field, (int) readVarint(field, Integer.MAX_VALUE), maxCount);
    }

    /** Exactly {@code size} bytes, without a length: the fields before decide it. */
    public byte[] readFixedBytes(String field, int size) {
        need(field, size);
        byte[] value = new byte[size];
        buffer.get(value);
        return value;
    }

    /**
     * Refuses bytes after the last field.
     *
     * @param what the payload's name for the message, e.g. {@code "Heartbeat"}
     */
    public void expectEnd(String what) {
        if (buffer.hasRemaining()) {
            throw violation(buffer.remaining() + " unexpected bytes after the end of a " + what + " payload");
        }
    }

    private int checkCount(String field, int count, int maxCount) {
        if (count < 0) {
            throw violation("Negative count " + count + " in field '" + field + "'");
        }
        if (count > maxCount) {
            throw violation("Field '" + field + "' declares " + count + " entries, more than its " + maxCount
                    + "-entry limit");
        }
        return count;
    }

    private int readLength(String kind, String field, int maxBytes) {
        return checkLength(kind, field, readInt(field), maxBytes);
    }

    private int checkLength(String kind, String field, int length, int maxBytes) {
        if (length < 0) {
            throw violation("Negative length " + length + " in field '" + field + "'");
        }
        if (length > maxBytes) {
            throw violation(capitalized(kind) + " field '" + field + "' declares " + length + " bytes, more than its "
                    + maxBytes + "-byte limit");
        }
        if (length > buffer.remaining()) {
            throw violation("Truncated " + kind + " field '" + field + "': declares " + length + " bytes, "
                    + buffer.remaining() + " left");
        }
        return length;
    }

    private void need(String field, int bytes) {
        if (buffer.remaining() < bytes) {
            throw violation(
                    "Truncated field '" + field + "': needs " + bytes + " bytes, " + buffer.remaining() + " left");
        }
    }

    private static String bytes(int count) {
        return count == 1 ? "1 byte" : count + " bytes";
    }

    private static String capitalized(String kind) {
        return Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
    }

    private static ProtocolException violation(String message) {
        return new ProtocolException(ErrorCode.PROTOCOL_VIOLATION, message);
    }
}
