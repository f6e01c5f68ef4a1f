package io.helmdesk.screen;

import io.helmdesk.protocol.message.CursorShape;
import io.helmdesk.protocol.message.Limits;

/** Converts pointer pictures between the capture's ARGB ints and {@link CursorShape}'s bytes. */
public final class CursorImages {

    private CursorImages() {
    }

    /**
     * A cursor shape from ARGB ints, row by row. Pictures beyond {@link Limits#CURSOR_DIMENSION} keep their top-left
     * part; a hot spot outside what is kept moves to its nearest edge.
     *
     * @param premultiplied whether the colours are premultiplied by alpha (X11's XFixes cursors are); the shape carries
     *            them straight
     */
    public static CursorShape toShape(long serial, int hotX, int hotY, int width, int height, int[] argb,
            boolean premultiplied) {
        if (width < 1 || height < 1 || argb.length < (long) width * height) {
            throw new IllegalArgumentException(
                    "A " + width + "x" + height + " cursor needs " + (long) width * height + " pixels, not "
                            + argb.length);
        }
        int keptWidth = Math.min(width, Limits.CURSOR_DIMENSION);
        int keptHeight = Math.min(height, Limits.CURSOR_DIMENSION);
        byte[] bytes = new byte[keptWidth * keptHeight * 4];
        int n = 0;
        for (int y = 0; y < keptHeight; y++) {
            for (int x = 0; x < keptWidth; x++) {
                int pixel = argb[y * width + x];
                int alpha = pixel >>> 24;
                int red = pixel >> 16 & 0xFF;
                int green = pixel >> 8 & 0xFF;
                int blue = pixel & 0xFF;
                if (premultiplied && alpha > 0 && alpha < 255) {
                    red = Math.min(255, (red * 255 + alpha / 2) / alpha);
                    green = Math.min(255, (green * 255 + alpha / 2) / alpha);
                    blue = Math.min(255, (blue * 255 + alpha / 2) / alpha);
                }
                bytes[n++] = (byte) alpha;
                bytes[n++] = (byte) red;
                bytes[n++] = (byte) green;
                bytes[n++] = (byte) blue;
            }
        }
        return new CursorShape(serial, clamp(hotX, keptWidth), clamp(hotY, keptHeight), keptWidth, keptHeight, bytes);
    }

    /** The shape's picture as straight (not premultiplied) ARGB ints, row by row. */
    public static int[] toArgb(CursorShape shape) {
        byte[] bytes = shape.argb();
        int[] argb = new int[shape.width() * shape.height()];
        for (int i = 0, j = 0; i < argb.length; i++, j += 4) {
            argb[i] = (bytes[j] & 0xFF) << 24 | (bytes[j + 1] & 0xFF) << 16 | (bytes[j + 2] & 0xFF) << 8
                    | (bytes[j + 3] & 0xFF);
        }
        return argb;
    }

    private static int clamp(int value, int size) {
        return Math.max(0, Math.min(size - 1, value));
    }
}
