package io.helmdesk.screen.internal;

/**
 * Reads a JPEG's markers up to its frame header, so that neither decoder is handed a progressive picture or one of
 * another size (a few bytes may declare 65535 × 65535 pixels).
 */
public final class JpegHeader {

    private static final int SOF0 = 0xC0;

    private static final int DHT = 0xC4;

    private static final int JPG = 0xC8;

    private static final int DAC = 0xCC;

    private static final int SOS = 0xDA;

    private JpegHeader() {
    }

    /** Accepts a baseline, 8-bit, grey or 3-component JPEG of exactly {@code width} × {@code height}. */
    public static void check(byte[] jpeg, int width, int height) throws BadTileException {
        if (jpeg.length < 4 || (jpeg[0] & 0xFF) != 0xFF || (jpeg[1] & 0xFF) != 0xD8) {
            throw new BadTileException("is not a JPEG (no start-of-image marker)");
        }
        int position = 2;
        while (true) {
            if (position + 4 > jpeg.length) {
                throw new BadTileException("JPEG ends before its frame header");
            }
            if ((jpeg[position] & 0xFF) != 0xFF) {
                throw new BadTileException("JPEG has no marker at byte " + position);
            }
            int marker = jpeg[position + 1] & 0xFF;
            if (marker == 0xFF) {
                position++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                position += 2; // markers without a length
                continue;
            }
            if (marker == 0xD8 || marker == 0xD9 || marker == SOS) {
                throw new BadTileException("JPEG has no frame header before marker " + hex(marker));
            }
            int length = unsignedShort(jpeg, position + 2);
            if (length < 2 || position + 2 + length > jpeg.length) {
                throw new BadTileException("JPEG segment " + hex(marker) + " is truncated");
            }
            if (marker == SOF0) {
                if (length < 8) {
                    throw new BadTileException("JPEG frame header is truncated");
                }
                int precision = jpeg[position + 4] & 0xFF;
                int frameHeight = unsignedShort(jpeg, position + 5);
                int frameWidth = unsignedShort(jpeg, position + 7);
                int components = jpeg[position + 9] & 0xFF;
                if (precision != 8 || (components != 1 && components != 3)) {
                    throw new BadTileException("JPEG has " + precision + "-bit samples and " + components
                            + " components, not 8-bit grey or colour");
                }
                if (frameWidth != width || frameHeight != height) {
                    throw new BadTileException(
                            "JPEG is " + frameWidth + "x" + frameHeight + ", not the tile's " + width + "x" + height);
                }
                return;
            }
            if (marker > SOF0 && marker <= 0xCF && marker != DHT && marker != JPG && marker != DAC) {
                throw new BadTileException("is not a baseline JPEG (frame marker " + hex(marker) + ")");
            }
            position += 2 + length;
        }
    }

    private static int unsignedShort(byte[] bytes, int at) {
        return (bytes[at] & 0xFF) << 8 | (bytes[at + 1] & 0xFF);
    }

    private static String hex(int marker) {
        return String.format("FF%02X", marker);
    }
}
