package io.helmdesk.screen.internal;

import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;

/**
 * The work of {@code ScreenDecoder}: checks a whole update, decodes its tiles, and only then draws them in order, so
 * a refused update leaves the picture as it was. Never inflates more than a tile's size plus one byte.
 */
public final class TilePainter {

    /** Decoded tiles are kept for drawing up to this many screens' worth of pixels; beyond, they are decoded twice. */
    private static final int KEPT_SCREENS = 2;

    private final JpegCodec jpeg;

    private final Inflater inflater = new Inflater();

    private final int width;

    private final int height;

    private final int[] picture;

    private byte[] inflated = new byte[0];

    private int[] scratch = new int[0];

    public TilePainter(int width, int height, JpegCodec jpeg) {
        this.width = width;
        this.height = height;
        this.picture = new int[width * height];
        this.jpeg = jpeg;
    }

    public int[] picture() {
        return picture;
    }

    /**
     * Draws the tiles and returns the bounds of what they covered as {x, y, width, height} (all 0 for none).
     *
     * @throws ProtocolException (PROTOCOL_VIOLATION) naming the first bad tile; the picture is unchanged then
     */
    public int[] apply(List<Tile> tiles) {
        for (int i = 0; i < tiles.size(); i++) {
            checkShape(i, tiles.get(i));
        }
        int[][] decoded = new int[tiles.size()][];
        long keep = (long) KEPT_SCREENS * width * height;
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            if (tile.encoding() == TileEncoding.SOLID || tile.encoding() == TileEncoding.COPY) {
                continue;
            }
            int pixels = tile.width() * tile.height();
            int[] into;
            if (keep >= pixels) {
                keep -= pixels;
                into = decoded[i] = new int[pixels];
            } else {
                into = scratch(pixels);
            }
            try {
                decode(tile, into);
            } catch (BadTileException e) {
                throw violation(i, tile, e.getMessage());
            }
        }
        int left = Integer.MAX_VALUE;
        int top = Integer.MAX_VALUE;
        int right = 0;
        int bottom = 0;
        for (int i = 0; i < tiles.size(); i++) {
            Tile tile = tiles.get(i);
            draw(tile, decoded[i]);
            left = Math.min(left, tile.x());
            top = Math.min(top, tile.y());
            right = Math.max(right, tile.x() + tile.width());
            bottom = Math.max(bottom, tile.y() + tile.height());
        }
        return tiles.isEmpty() ? new int[4] : new int[]{left, top, right - left, bottom - top};
    }

    private void checkShape(int index, Tile tile) {
        if (tile.x() + tile.width() > width || tile.y() + tile.height() > height) {
            throw violation(index, tile, "reaches outside the " + width + "x" + height + " screen");
        }
        byte[] data = tile.data();
        // The protocol fixes the data length of SOLID (3 bytes) and COPY (4): a Tile holds no other
        switch (tile.encoding()) {
            case SOLID :
                break;
            case COPY :
                int sourceX = unsignedShort(data, 0);
                int sourceY = unsignedShort(data, 2);
                if (sourceX + tile.width() > width || sourceY + tile.height() > height) {
                    throw violation(index, tile, "copies from " + tile.width() + "x" + tile.height() + "+" + sourceX
                            + "+" + sourceY + ", outside the " + width + "x" + height + " screen");
                }
                break;
            case PALETTE :
                if (data.length == 0) {
                    throw violation(index, tile, "has no palette");
                }
                int colours = (data[0] & 0xFF) + 1;
                if (data.length < 1 + 3 * colours) {
                    throw violation(index, tile, "has " + data.length + " bytes, fewer than its " + colours
                            + "-colour palette needs");
                }
                break;
            case JPEG :
                try {
                    JpegHeader.check(data, tile.width(), tile.height());
                } catch (BadTileException e) {
                    throw violation(index, tile, e.getMessage());
                }
                break;
            case ZLIB :
                break;
        }
    }

    private void decode(Tile tile, int[] into) throws BadTileException {
        int pixels = tile.width() * tile.height();
        byte[] data = tile.data();
        switch (tile.encoding()) {
            case ZLIB : {
                byte[] rgb = inflate(data, 0, pixels * 3);
                for (int i = 0, j = 0; i < pixels; i++, j += 3) {
                    into[i] = (rgb[j] & 0xFF) << 16 | (rgb[j + 1] & 0xFF) << 8 | (rgb[j + 2] & 0xFF);
                }
                break;
            }
            case PALETTE : {
                int count = (data[0] & 0xFF) + 1;
                int[] palette = new int[count];
                for (int i = 0; i < count; i++) {
                    palette[i] = (data[1 + 3 * i] & 0xFF) << 16 | (data[2 + 3 * i] & 0xFF) << 8
                            | (data[3 + 3 * i] & 0xFF);
                }
                byte[] indices = inflate(data, 1 + 3 * count, pixels);
                for (int i = 0; i < pixels; i++) {
                    int index = indices[i] & 0xFF;
                    if (index >= count) {
                        throw new BadTileException("uses palette index " + index + " at pixel " + i + " of a "
                                + count + "-colour palette");
                    }
                    into[i] = palette[index];
                }
                break;
            }
            case JPEG :
                jpeg.decompress(data, tile.width(), tile.height(), into);
                break;
            default :
                throw new IllegalArgumentException(tile.encoding() + " has no pixels to decode");
        }
    }

    private void draw(Tile tile, int[] decoded) {
        byte[] data = tile.data();
        switch (tile.encoding()) {
            case SOLID :
                Pixels.fill(picture, width, tile.x(), tile.y(), tile.width(), tile.height(),
                        (data[0] & 0xFF) << 16 | (data[1] & 0xFF) << 8 | (data[2] & 0xFF));
                break;
            case COPY :
                Pixels.copyWithin(picture, width, unsignedShort(data, 0), unsignedShort(data, 2), tile.x(), tile.y(),
                        tile.width(), tile.height());
                break;
            default :
                if (decoded == null) {
                    decoded = scratch(tile.width() * tile.height());
                    try {
                        decode(tile, decoded);
                    } catch (BadTileException e) {
                        throw new IllegalStateException("A tile that decoded a moment ago failed: " + e.getMessage());
                    }
                }
                Pixels.put(picture, width, tile.x(), tile.y(), tile.width(), tile.height(), decoded);
        }
    }

    /** Inflates zlib data that must give exactly {@code expected} bytes, stopping at one byte more. */
    private byte[] inflate(byte[] data, int offset, int expected) throws BadTileException {
        if (inflated.length < expected + 1) {
            inflated = new byte[expected + 1];
        }
        inflater.reset();
        inflater.setInput(data, offset, data.length - offset);
        int length = 0;
        try {
            while (length <= expected && !inflater.finished()) {
                int n = inflater.inflate(inflated, length, expected + 1 - length);
                if (n == 0 && !inflater.finished()) {
                    // all input is there: needing more (or a preset dictionary) means it is cut short
                    throw new BadTileException("zlib data ends early, after " + length + " of " + expected + " bytes");
                }
                length += n;
            }
        } catch (DataFormatException e) {
            throw new BadTileException("corrupt zlib data: " + e.getMessage());
        }
        if (length > expected) {
            throw new BadTileException("inflates to more than its " + expected + " bytes");
        }
        if (length < expected) {
            throw new BadTileException("inflates to " + length + " bytes, not " + expected);
        }
        if (inflater.getRemaining() > 0) {
            throw new BadTileException("has " + inflater.getRemaining() + " bytes after its zlib data");
        }
        return inflated;
    }

    private int[] scratch(int pixels) {
        if (scratch.length < pixels) {
            scratch = new int[pixels];
        }
        return scratch;
    }

    private static int unsignedShort(byte[] data, int at) {
        return (data[at] & 0xFF) << 8 | (data[at + 1] & 0xFF);
    }

    private static ProtocolException violation(int index, Tile tile, String problem) {
        return new ProtocolException(ErrorCode.PROTOCOL_VIOLATION, "Frame update tile " + index + " ("
                + tile.encoding() + " " + tile.width() + "x" + tile.height() + "+" + tile.x() + "+" + tile.y() + ") "
                + problem);
    }
}
