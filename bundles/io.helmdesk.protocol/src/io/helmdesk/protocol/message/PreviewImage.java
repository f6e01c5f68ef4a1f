package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * A small picture of the agent's screen for the device list.
 *
 * @param format how {@code data} is encoded
 * @param width in pixels, 1 to 65535
 * @param height in pixels, 1 to 65535
 * @param data the encoded image, at most {@link Limits#PREVIEW_IMAGE_BYTES}
 */
public record PreviewImage(Format format, int width, int height, byte[] data) implements Message {

    public enum Format {

        JPEG(1), PNG(2);

        private final int code;

        Format(int code) {
            this.code = code;
        }

        /** The value on the wire, an unsigned byte. */
        public int code() {
            return code;
        }
    }

    public PreviewImage {
        Objects.requireNonNull(format, "format");
        Checks.range("width", width, 1, Limits.IMAGE_DIMENSION);
        Checks.range("height", height, 1, Limits.IMAGE_DIMENSION);
        Checks.bytes("data", data, 1, Limits.PREVIEW_IMAGE_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.PREVIEW_IMAGE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PreviewImage that && format == that.format && width == that.width
                && height == that.height && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(format, width, height, Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        return "PreviewImage[" + format + " " + width + "x" + height + ", data=" + Checks.describe(data) + "]";
    }
}
