package io.helmdesk.screen.internal;

/** Baseline JPEG of {@code 0x00RRGGBB} pixels; one instance per encoder or decoder, used from one thread. */
public interface JpegCodec {

    /** For diagnostics: which library does the work. */
    String name();

    /** A baseline JPEG (4:2:0) of the rectangle that starts at {@code offset}, rows {@code stride} apart. */
    byte[] compress(int[] pixels, int offset, int stride, int width, int height, int quality);

    /**
     * Decodes into {@code out} ({@code width} × {@code height}, no padding). {@link JpegHeader#check} has already
     * accepted the header for exactly this size.
     */
    void decompress(byte[] jpeg, int width, int height, int[] out) throws BadTileException;
}
