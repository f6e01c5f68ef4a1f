package io.helmdesk.screen.internal;

import java.util.Arrays;
import java.util.zip.Deflater;

import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;

/**
 * Chooses and produces the encoding of one rectangle: one colour → SOLID, up to 256 → PALETTE (ZLIB when that is
 * smaller), photo-like → JPEG, anything else → ZLIB. Reads the encoder's model, which holds the new pixels by then.
 */
final class TileEncoder {

    /** What a rectangle holds, as far as choosing its encoding goes. */
    enum Kind {
        SOLID, FEW_COLOURS, PHOTO, MANY_COLOURS
    }

    /** The result of {@link TileEncoder#analyse}; reused from frame to frame. */
    static final class Analysis {

        Kind kind;

        /** The colours of a SOLID or FEW_COLOURS rectangle, in first-seen order. */
        final int[] colours = new int[MAX_PALETTE];

        int colourCount;

        void copyFrom(Analysis other) {
            kind = other.kind;
            colourCount = other.colourCount;
            System.arraycopy(other.colours, 0, colours, 0, other.colourCount);
        }
    }

    static final int MAX_PALETTE = 256;

    /** Below this share of pixels equal to their left neighbour, a many-coloured rectangle is taken for a photo. */
    private static final double PHOTO_MAX_FLAT_SHARE = 0.5;

    /** A JPEG's headers and tables cost ~600 bytes: smaller rectangles go lossless. */
    private static final int JPEG_MIN_PIXELS = 512;

    /** Measured on 1080p text, UI and photo screens: faster levels cost 5–30% more bytes for little time. */
    private static final int RGB_LEVEL = 3;

    private static final int INDEX_LEVEL = 6;

    private final ColourTable table = new ColourTable();

    private final Deflater rgbDeflater = new Deflater(RGB_LEVEL);

    private final Deflater indexDeflater = new Deflater(INDEX_LEVEL);

    private final JpegCodec jpeg;

    private byte[] raw = new byte[64 * 64 * 3];

    private byte[] compressed = new byte[16 * 1024];

    TileEncoder(JpegCodec jpeg) {
        this.jpeg = jpeg;
    }

    JpegCodec jpeg() {
        return jpeg;
    }

    /** Counts colours up to 257 and how flat the rectangle is. */
    void analyse(int[] pixels, int stride, int x, int y, int width, int height, Analysis out) {
        table.clear();
        int count = 0;
        boolean many = false;
        long flat = 0;
        int[] colours = out.colours;
        for (int row = 0; row < height; row++) {
            int start = (y + row) * stride + x;
            int previous = pixels[start];
            if (!many && table.indexOf(previous) < 0) {
                if (count == MAX_PALETTE) {
                    many = true;
                } else {
                    table.add(previous, count);
                    colours[count++] = previous;
                }
            }
            for (int i = start + 1, end = start + width; i < end; i++) {
                int colour = pixels[i];
                if (colour == previous) {
                    flat++;
                    continue;
                }
                previous = colour;
                if (!many && table.indexOf(colour) < 0) {
                    if (count == MAX_PALETTE) {
                        many = true;
                    } else {
                        table.add(colour, count);
                        colours[count++] = colour;
                    }
                }
            }
        }
        out.colourCount = many ? 0 : count;
        if (!many) {
            out.kind = count == 1 ? Kind.SOLID : Kind.FEW_COLOURS;
        } else {
            long pairs = (long) (width - 1) * height;
            out.kind = flat < pairs * PHOTO_MAX_FLAT_SHARE ? Kind.PHOTO : Kind.MANY_COLOURS;
        }
    }

    /**
     * Merges {@code next} (the rectangle to the right) into {@code group} when one encoding still fits both: the same
     * solid colour, at most 256 colours together, or both photo, or both many-coloured.
     */
    boolean absorb(Analysis group, Analysis next) {
        if (group.kind != next.kind) {
            return false;
        }
        switch (group.kind) {
            case SOLID :
                return group.colours[0] == next.colours[0];
            case FEW_COLOURS :
                table.clear();
                for (int i = 0; i < group.colourCount; i++) {
                    table.add(group.colours[i], i);
                }
                int added = 0;
                for (int i = 0; i < next.colourCount; i++) {
                    if (table.indexOf(next.colours[i]) < 0) {
                        added++;
                    }
                }
                if (group.colourCount + added > MAX_PALETTE) {
                    return false;
                }
                for (int i = 0; i < next.colourCount; i++) {
                    int colour = next.colours[i];
                    if (table.indexOf(colour) < 0) {
                        table.add(colour, group.colourCount);
                        group.colours[group.colourCount++] = colour;
                    }
                }
                return true;
            default :
                return true;
        }
    }

    /**
     * Encodes the rectangle as the analysis says; photo-like content goes lossless too when {@code quality} is 0 or the
     * rectangle is too small for JPEG to pay.
     */
    Tile encode(int[] pixels, int stride, int x, int y, int width, int height, Analysis analysis, int quality) {
        Kind kind = analysis.kind;
        if (kind == Kind.PHOTO && (quality == 0 || width * height < JPEG_MIN_PIXELS)) {
            kind = Kind.MANY_COLOURS;
        }
        switch (kind) {
            case SOLID :
                int colour = analysis.colours[0];
                return new Tile(x, y, width, height, TileEncoding.SOLID,
                        new byte[]{(byte) (colour >> 16), (byte) (colour >> 8), (byte) colour});
            case FEW_COLOURS :
                byte[] palette = palette(pixels, stride, x, y, width, height, analysis);
                // A big colour table on few pixels: plain RGB may be smaller
                if (analysis.colourCount > 16 && analysis.colourCount * 3 * 2 > palette.length) {
                    byte[] rgb = zlib(pixels, stride, x, y, width, height);
                    if (rgb.length < palette.length) {
                        return new Tile(x, y, width, height, TileEncoding.ZLIB, rgb);
                    }
                }
                return new Tile(x, y, width, height, TileEncoding.PALETTE, palette);
            case PHOTO :
                return new Tile(x, y, width, height, TileEncoding.JPEG,
                        jpeg.compress(pixels, y * stride + x, stride, width, height, quality));
            default :
                return new Tile(x, y, width, height, TileEncoding.ZLIB, zlib(pixels, stride, x, y, width, height));
        }
    }

    private byte[] palette(int[] pixels, int stride, int x, int y, int width, int height, Analysis analysis) {
        int count = analysis.colourCount;
        table.clear();
        for (int i = 0; i < count; i++) {
            table.add(analysis.colours[i], i);
        }
        byte[] indices = raw(width * height);
        int n = 0;
        for (int row = 0; row < height; row++) {
            int start = (y + row) * stride + x;
            int previous = pixels[start];
            byte index = (byte) table.indexOf(previous);
            for (int i = start, end = start + width; i < end; i++) {
                int colour = pixels[i];
                if (colour != previous) {
                    previous = colour;
                    index = (byte) table.indexOf(colour);
                }
                indices[n++] = index;
            }
        }
        int header = 1 + 3 * count;
        int length = deflate(indexDeflater, indices, n, header);
        byte[] data = Arrays.copyOf(compressed, header + length);
        data[0] = (byte) (count - 1);
        for (int i = 0; i < count; i++) {
            int colour = analysis.colours[i];
            data[1 + 3 * i] = (byte) (colour >> 16);
            data[2 + 3 * i] = (byte) (colour >> 8);
            data[3 + 3 * i] = (byte) colour;
        }
        return data;
    }

    private byte[] zlib(int[] pixels, int stride, int x, int y, int width, int height) {
        byte[] rgb = raw(width * height * 3);
        int n = 0;
        for (int row = 0; row < height; row++) {
            for (int i = (y + row) * stride + x, end = i + width; i < end; i++) {
                int colour = pixels[i];
                rgb[n++] = (byte) (colour >> 16);
                rgb[n++] = (byte) (colour >> 8);
                rgb[n++] = (byte) colour;
            }
        }
        int length = deflate(rgbDeflater, rgb, n, 0);
        return Arrays.copyOf(compressed, length);
    }

    /** Deflates {@code length} bytes of {@code input} into {@link #compressed} from {@code offset} on. */
    private int deflate(Deflater deflater, byte[] input, int length, int offset) {
        deflater.reset();
        deflater.setInput(input, 0, length);
        deflater.finish();
        int n = offset;
        while (!deflater.finished()) {
            if (n == compressed.length) {
                compressed = Arrays.copyOf(compressed, compressed.length * 2);
            }
            n += deflater.deflate(compressed, n, compressed.length - n);
        }
        return n - offset;
    }

    private byte[] raw(int length) {
        if (raw.length < length) {
            raw = new byte[length];
        }
        return raw;
    }
}
