package io.helmdesk.protocol;

import java.util.Arrays;
import java.util.Objects;

/**
 * One frame: a message type, flags and the payload. On the wire it is a header followed by the payload. A frame without
 * flags and with at most {@link #SHORT_MAX_PAYLOAD} payload bytes (heartbeats, acknowledgements, input events, most
 * screen updates of a small change) takes the 4-byte short header, every other frame the 8-byte long one:
 *
 * <pre>
 * short: offset 0: marker 0xD2
 *        offset 1: type (unsigned 16-bit, big-endian)
 *        offset 3: payload length (unsigned byte)
 * long:  offset 0: marker 0xD1
 *        offset 1: flags (unsigned byte)
 *        offset 2: type (unsigned 16-bit, big-endian)
 *        offset 4: payload length (unsigned 32-bit, big-endian)
 * </pre>
 *
 * A sender writes the short header whenever the frame allows it; a receiver reads both, since either says the same.
 *
 * The payload array is shared, not copied.
 *
 * @param type the message type code, 0 to 0xFFFF
 * @param flags the flag bits, 0 to 0xFF; their meaning belongs to the message type
 * @param payload the payload bytes, at most {@link #MAX_PAYLOAD_CEILING}
 */
public record Frame(int type, int flags, byte[] payload) {

    /** Bytes of the long header. */
    public static final int LONG_HEADER_LENGTH = 8;

    /** Bytes of the short header. */
    public static final int SHORT_HEADER_LENGTH = 4;

    /** The most bytes before a payload. */
    public static final int MAX_HEADER_LENGTH = LONG_HEADER_LENGTH;

    /** The first byte of a frame with the long header; a new frame format would take a new marker. */
    public static final int MARKER = 0xD1;

    /** The first byte of a frame with the short header. */
    public static final int SHORT_MARKER = 0xD2;

    /** The longest payload a short header can announce. */
    public static final int SHORT_MAX_PAYLOAD = 0xFF;

    /** The payload limit once a peer is authenticated. */
    public static final int DEFAULT_MAX_PAYLOAD = 16 * 1024 * 1024;

    /** The payload limit until a peer is authenticated: hello, enrollment and challenge messages are small. */
    public static final int PRE_AUTHENTICATION_MAX_PAYLOAD = 64 * 1024;

    /** No decoder or encoder may be configured above this, whatever the configuration says. */
    public static final int MAX_PAYLOAD_CEILING = 256 * 1024 * 1024;

    public Frame {
        if (type < 0 || type > 0xFFFF) {
            throw new IllegalArgumentException("Frame type " + type + " is not an unsigned 16-bit value");
        }
        if (flags < 0 || flags > 0xFF) {
            throw new IllegalArgumentException("Frame flags " + flags + " are not an unsigned byte");
        }
        Objects.requireNonNull(payload, "payload");
        if (payload.length > MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("Frame payload of " + payload.length + " bytes exceeds the "
                    + MAX_PAYLOAD_CEILING + "-byte ceiling");
        }
    }

    /** Whether the frame goes out with the short header. */
    public boolean hasShortHeader() {
        return flags == 0 && payload.length <= SHORT_MAX_PAYLOAD;
    }

    /** The bytes of the header this frame goes out with. */
    public int headerLength() {
        return hasShortHeader() ? SHORT_HEADER_LENGTH : LONG_HEADER_LENGTH;
    }

    /** The payload length plus the header. */
    public int encodedLength() {
        return headerLength() + payload.length;
    }

    /** The header length a frame starting with {@code marker} has, or -1 for a byte that starts no frame. */
    static int headerLength(int marker) {
        return switch (marker) {
            case MARKER -> LONG_HEADER_LENGTH;
            case SHORT_MARKER -> SHORT_HEADER_LENGTH;
            default -> -1;
        };
    }

    static void checkLimit(int maxPayloadLength) {
        if (maxPayloadLength < 0 || maxPayloadLength > MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException("Payload limit " + maxPayloadLength + " is not between 0 and the "
                    + MAX_PAYLOAD_CEILING + "-byte ceiling");
        }
    }

    static String hex(int type) {
        return String.format("0x%04x", type);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Frame that && type == that.type && flags == that.flags
                && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return (type * 31 + flags) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "Frame[type=" + hex(type) + ", flags=" + String.format("0x%02x", flags) + ", payload=" + payload.length
                + " bytes]";
    }
}
