package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * The pointer's picture; the viewer draws it over the screen at the last {@link CursorPosition}, frames never contain
 * it.
 *
 * @param serial changes when the shape changes
 * @param hotX the hot spot, inside the picture
 * @param hotY the hot spot, inside the picture
 * @param width 1 to {@link Limits#CURSOR_DIMENSION}
 * @param height 1 to {@link Limits#CURSOR_DIMENSION}
 * @param argb 4 bytes per pixel, A R G B (not premultiplied), row by row: exactly width × height × 4 bytes
 */
public record CursorShape(long serial, int hotX, int hotY, int width, int height, byte[] argb) implements Message {

    public CursorShape {
        Checks.range("width", width, 1, Limits.CURSOR_DIMENSION);
        Checks.range("height", height, 1, Limits.CURSOR_DIMENSION);
        Checks.range("hotX", hotX, 0, width - 1);
        Checks.range("hotY", hotY, 0, height - 1);
        Checks.bytes("argb", argb, width * height * 4, width * height * 4);
    }

    @Override
    public MessageType type() {
        return MessageType.CURSOR_SHAPE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CursorShape that && serial == that.serial && hotX == that.hotX && hotY == that.hotY
                && width == that.width && height == that.height && Arrays.equals(argb, that.argb);
    }

    @Override
    public int hashCode() {
        return Objects.hash(serial, hotX, hotY, width, height, Arrays.hashCode(argb));
    }

    @Override
    public String toString() {
        return "CursorShape[" + serial + " " + width + "x" + height + " hot " + hotX + "," + hotY + "]";
    }
}
