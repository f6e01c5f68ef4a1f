package io.helmdesk.agent.desktop.internal.windows;

/**
 * Windows cursor bitmaps to straight ARGB. Masks come as 32-bit pixels from GetDIBits: zero for a clear bit, non-zero
 * (white) for a set one.
 */
final class CursorPixels {

    private static final int OPAQUE_BLACK = 0xFF000000;
    private static final int OPAQUE_WHITE = 0xFFFFFFFF;

    private CursorPixels() {
    }

    /**
     * A colour cursor: its own alpha where it has any (then it is straight alpha, as icons store it), else opaque
     * except where the AND mask is set.
     */
    static int[] fromColour(int[] colour, int[] andMask) {
        boolean hasAlpha = false;
        for (int pixel : colour) {
            hasAlpha |= (pixel >>> 24) != 0;
        }
        int[] argb = new int[colour.length];
        for (int i = 0; i < colour.length; i++) {
            if (hasAlpha) {
                argb[i] = colour[i];
            } else {
                argb[i] = andMask[i] != 0 ? 0 : OPAQUE_BLACK | (colour[i] & 0xFFFFFF);
            }
        }
        return argb;
    }

    /**
     * A monochrome cursor: AND 0 / XOR 0 black, 0/1 white, 1/0 transparent; 1/1 inverts the screen, which an image
     * cannot express: it is drawn black (the I-beam is such a cursor, and shows on light backgrounds).
     *
     * @param masks {@code 2 * pixels} values: the AND mask's rows, then the XOR mask's
     */
    static int[] fromMonochrome(int[] masks, int pixels) {
        int[] argb = new int[pixels];
        for (int i = 0; i < pixels; i++) {
            boolean and = masks[i] != 0;
            boolean xor = masks[pixels + i] != 0;
            argb[i] = and ? (xor ? OPAQUE_BLACK : 0) : (xor ? OPAQUE_WHITE : OPAQUE_BLACK);
        }
        return argb;
    }
}
