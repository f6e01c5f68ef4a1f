package io.helmdesk.screen.internal;

/** Rectangle operations on pictures held as {@code 0x00RRGGBB} ints, row by row with a stride. */
public final class Pixels {

    private Pixels() {
    }

    /**
     * Copies a rectangle to another place in the same picture as memmove would: the destination gets the source as it
     * was before the copy, however the two overlap. The encoder's model and the viewer must do exactly this.
     */
    public static void copyWithin(int[] picture, int stride, int sourceX, int sourceY, int x, int y, int width,
            int height) {
        if (sourceY < y) {
            for (int row = height - 1; row >= 0; row--) {
                System.arraycopy(picture, (sourceY + row) * stride + sourceX, picture, (y + row) * stride + x, width);
            }
        } else {
            // System.arraycopy handles overlap inside one row
            for (int row = 0; row < height; row++) {
                System.arraycopy(picture, (sourceY + row) * stride + sourceX, picture, (y + row) * stride + x, width);
            }
        }
    }

    public static void fill(int[] picture, int stride, int x, int y, int width, int height, int colour) {
        for (int row = 0; row < height; row++) {
            int start = (y + row) * stride + x;
            java.util.Arrays.fill(picture, start, start + width, colour);
        }
    }

    /** Copies a tile whose rows are {@code width} long into the picture. */
    public static void put(int[] picture, int stride, int x, int y, int width, int height, int[] tile) {
        for (int row = 0; row < height; row++) {
            System.arraycopy(tile, row * width, picture, (y + row) * stride + x, width);
        }
    }
}
