package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Changed parts of the agent's screen. The viewer applies the tiles in order (a {@link TileEncoding#COPY} tile reads
 * the picture as it is before that tile) and answers with a {@link FrameAck}; the agent sends the next frame only when
 * few enough are unacknowledged, so a slow link gets fewer, fresher frames rather than a queue.
 *
 * <p>
 * A frame carries no number: frame n of a session is the n-th {@code FrameUpdate} the agent sent on it, counted from 1
 * by both ends (the session's one ordered stream delivers every frame, in order, or ends).
 *
 * @param tiles 0 to {@link Limits#FRAME_TILES} tiles, each inside the current {@link DisplayLayout}
 */
public record FrameUpdate(List<Tile> tiles) implements Message {

    /**
     * A rectangle of the screen and how its pixels are encoded; {@code data}'s layout belongs to the encoding (see
     * {@code docs/protocol.md}).
     *
     * @param x left edge
     * @param y top edge
     * @param width 1 to {@link Limits#TILE_DIMENSION}
     * @param height 1 to {@link Limits#TILE_DIMENSION}
     * @param encoding how data is to be read
     * @param data the encoded pixels: exactly {@link TileEncoding#fixedDataLength()} bytes for an encoding that fixes
     *            it, else at most {@link Limits#TILE_BYTES}
     */
    public record Tile(int x, int y, int width, int height, TileEncoding encoding, byte[] data) {

        public Tile {
            Checks.range("tile x", x, 0, Limits.IMAGE_DIMENSION - 1);
            Checks.range("tile y", y, 0, Limits.IMAGE_DIMENSION - 1);
            Checks.range("tile width", width, 1, Limits.TILE_DIMENSION);
            Checks.range("tile height", height, 1, Limits.TILE_DIMENSION);
            Objects.requireNonNull(encoding, "encoding");
            int fixed = encoding.fixedDataLength();
            if (fixed >= 0) {
                Objects.requireNonNull(data, "tile data");
                if (data.length != fixed) {
                    throw new IllegalArgumentException(
                            "a " + encoding + " tile's data is " + fixed + " bytes, not " + data.length);
                }
            } else {
                Checks.bytes("tile data", data, 0, Limits.TILE_BYTES);
            }
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Tile that && x == that.x && y == that.y && width == that.width
                    && height == that.height && encoding == that.encoding && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return Objects.hash(x, y, width, height, encoding, Arrays.hashCode(data));
        }

        @Override
        public String toString() {
            return "Tile[" + encoding + " " + width + "x" + height + "+" + x + "+" + y + ", data="
                    + Checks.describe(data) + "]";
        }
    }

    /** How a tile's data encodes its pixels. */
    public enum TileEncoding {

        /** One colour: 3 bytes, R G B. */
        SOLID(1, 3),
        /** Lossless: zlib (RFC 1950) of the rows, 3 bytes R G B per pixel. */
        ZLIB(2, -1),
        /** Lossless, few colours: a palette (count byte, then R G B each) and zlib of one index byte per pixel. */
        PALETTE(3, -1),
        /** Lossy: a baseline JPEG of exactly the tile's size. */
        JPEG(4, -1),
        /** Pixels already on the viewer's screen: 4 bytes, the source x and y (unsigned 16-bit each). */
        COPY(5, 4);

        private final int code;

        private final int fixedDataLength;

        TileEncoding(int code, int fixedDataLength) {
            this.code = code;
            this.fixedDataLength = fixedDataLength;
        }

        /** The value on the wire, an unsigned byte. */
        public int code() {
            return code;
        }

        /**
         * The length of the data when this encoding fixes it (SOLID 3, COPY 4), which then goes on the wire without a
         * length; -1 when the data carries its length.
         */
        public int fixedDataLength() {
            return fixedDataLength;
        }
    }

    public FrameUpdate {
        Objects.requireNonNull(tiles, "tiles");
        Checks.range("tile count", tiles.size(), 0, Limits.FRAME_TILES);
        tiles = List.copyOf(tiles);
    }

    @Override
    public MessageType type() {
        return MessageType.FRAME_UPDATE;
    }
}
