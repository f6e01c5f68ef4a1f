package io.helmdesk.protocol;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Writes the fields of one payload in the encoding {@link PayloadReader} reads. A value that the reader would refuse
 * (too long, out of range, not valid Unicode) is refused here with a {@link ProtocolException}, so nothing goes out
 * that the peer cannot read.
 */
public final class PayloadWriter {

    private final int maxLength;
    private byte[] bytes = new byte[256];
    private int length;

    /** A writer bounded by {@link Frame#MAX_PAYLOAD_CEILING}. */
    public PayloadWriter() {
        this(Frame.MAX_PAYLOAD_CEILING);
    }

    /** @param maxLength the longest payload this writer may produce */
    public PayloadWriter(int maxLength) {
        Frame.checkLimit(maxLength);
        this.maxLength = maxLength;
    }

    public PayloadWriter writeUnsignedByte(String field, int value) {
        if (value < 0 || value > 0xFF) {
            throw violation("Field '" + field + "' value " + value + " is not an unsigned byte");
        }
        ensure(field, 1);
        bytes[length++] = (byte) value;
        return this;
    }

    public PayloadWriter writeUnsignedShort(String field, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw violation("Field '" + field + "' value " + value + " is not an unsigned 16-bit value");
        }
        ensure(field, 2);
        bytes[length++] = (byte) (value >>> 8);
        bytes[length++] = (byte) value;
        return this;
    }

    public PayloadWriter writeInt(String field, int value) {
        ensure(field, 4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    public PayloadWriter writeLong(String field, long value) {
        ensure(field, 8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    public PayloadWriter writeBoolean(String field, boolean value) {
        return writeUnsignedByte(field, value ? 1 : 0);
    }

    public PayloadWriter writeString(String field, String value, int maxBytes) {
        Objects.requireNonNull(value, field);
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(value));
        } catch (CharacterCodingException e) {
            throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION,
                    "String field '" + field + "' is not valid Unicode (a lone surrogate)", e);
        }
        int size = encoded.remaining();
        if (size > maxBytes) {
            throw violation("String field '" + field + "' is " + size + " bytes in UTF-8, more than its " + maxBytes
                    + "-byte limit");
        }
        ensure(field, 4L + size);
        writeInt(field, size);
        encoded.get(bytes, length, size);
        length += size;
        return this;
    }

    public PayloadWriter writeBytes(String field, byte[] value, int maxBytes) {
        checkBytes(field, value, maxBytes);
        ensure(field, 4L + value.length);
        writeInt(field, value.length);
        return put(value);
    }

    /** The element count of a list or map whose elements follow. */
    public PayloadWriter writeCount(String field, int count, int maxCount) {
        checkCount(field, count, maxCount);
        return writeInt(field, count);
    }

    /**
     * An unsigned number as a varint (unsigned LEB128): 7 bits per byte, the least significant group first, the high
     * bit set on every byte but the last. Always the shortest form, which is the only one {@link PayloadReader} takes.
     *
     * @param max the field's limit, at least 0
     */
    public PayloadWriter writeVarint(String field, long value, long max) {
        if (value < 0 || value > max) {
            throw violation("Varint field '" + field + "' value " + value + " is not between 0 and " + max);
        }
        ensure(field, varintSize(value));
        while ((value & ~0x7FL) != 0) {
            bytes[length++] = (byte) (value & 0x7F | 0x80);
            value >>>= 7;
        }
        bytes[length++] = (byte) value;
        return this;
    }

    /** A byte count as a varint, then that many bytes. */
    public PayloadWriter writeVarBytes(String field, byte[] value, int maxBytes) {
        checkBytes(field, value, maxBytes);
        ensure(field, (long) varintSize(value.length) + value.length);
        writeVarint(field, value.length, maxBytes);
        return put(value);
    }

    /** The element count of a list whose elements follow, as a varint. */
    public PayloadWriter writeVarCount(String field, int count, int maxCount) {
        checkCount(field, count, maxCount);
        return writeVarint(field, count, maxCount);
    }

    /** Exactly {@code size} bytes and no length: a field whose size the fields before it decide. */
    public PayloadWriter writeFixedBytes(String field, byte[] value, int size) {
        Objects.requireNonNull(value, field);
        if (value.length != size) {
            throw violation("Byte field '" + field + "' is " + value.length + " bytes, not " + size);
        }
        ensure(field, size);
        return put(value);
    }

    /** The bytes {@link #writeVarint} takes for a value of at least 0: 1 up to 127, 2 up to 16383, ..., 9 at most. */
    public static int varintSize(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("Varints are not negative: " + value);
        }
        return Math.max(1, (70 - Long.numberOfLeadingZeros(value)) / 7);
    }

    /** Bytes written so far. */
    public int length() {
        return length;
    }

    /** The payload written so far, in a new array. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    private void ensure(String field, long more) {
        if (length + more > maxLength) {
            throw new ProtocolException(ErrorCode.FRAME_TOO_LARGE, "Payload exceeds the " + maxLength
                    + "-byte limit at field '" + field + "' (" + (length + more) + " bytes)");
        }
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, (int) Math.min(maxLength, Math.max(2L * bytes.length, length + more)));
        }
    }

    private static void checkBytes(String field, byte[] value, int maxBytes) {
        Objects.requireNonNull(value, field);
        if (value.length > maxBytes) {
            throw violation("Byte field '" + field + "' is " + value.length + " bytes, more than its " + maxBytes
                    + "-byte limit");
        }
    }

    /** Appends bytes for which {@link #ensure} made room. */
    private PayloadWriter put(byte[] value) {
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    private static void checkCount(String field, int count, int maxCount) {
        if (count < 0 || count > maxCount) {
            throw violation("Field '" + field + "' has " + count + " entries, more than its " + maxCount
                    + "-entry limit");
        }
    }

    private static ProtocolException violation(String message) {
        return new ProtocolException(ErrorCode.PROTOCOL_VIOLATION, message);
    }
}
