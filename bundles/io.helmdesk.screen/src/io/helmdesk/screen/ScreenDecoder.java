package io.helmdesk.screen;

import java.util.Objects;

import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.Limits;
import io.helmdesk.screen.internal.JpegCodec;
import io.helmdesk.screen.internal.JpegCodecs;
import io.helmdesk.screen.internal.TilePainter;

/**
 * The viewer's picture of a remote screen, drawn from {@link FrameUpdate}s. An update is checked and decoded whole
 * before any tile is drawn: one that breaks the protocol (a tile outside the screen, a COPY from outside it, data that
 * does not decode to exactly the tile's pixels, a palette index beyond the palette, data that would inflate beyond the
 * tile) is refused with a {@link ProtocolException} and leaves the picture as it was.
 * <p>
 * Not thread-safe: one session's receiving thread calls it.
 */
public final class ScreenDecoder {

    private final int width;

    private final int height;

    private final TilePainter painter;

    /** A black picture; JPEG through libturbojpeg when it loads, else through ImageIO. */
    public ScreenDecoder(int width, int height) {
        this(width, height, JpegCodecs.best());
    }

    ScreenDecoder(int width, int height, JpegCodec jpeg) {
        if (width < 1 || height < 1 || width > Limits.IMAGE_DIMENSION || height > Limits.IMAGE_DIMENSION
                || (long) width * height > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("Screen size " + width + "x" + height + " is out of range");
        }
        this.width = width;
        this.height = height;
        this.painter = new TilePainter(width, height, jpeg);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The picture, {@code 0x00RRGGBB}, row by row with no padding; live: updates draw into it. */
    public int[] pixels() {
        return painter.picture();
    }

    /**
     * Draws an update's tiles in order.
     *
     * @return the bounds of what the tiles covered; {@link Region#EMPTY} for an update without tiles
     * @throws ProtocolException with {@code PROTOCOL_VIOLATION}, naming the bad tile; nothing was drawn then
     */
    public Region apply(FrameUpdate update) {
        Objects.requireNonNull(update, "update");
        int[] bounds = painter.apply(update.tiles());
        return bounds[2] == 0 ? Region.EMPTY : new Region(bounds[0], bounds[1], bounds[2], bounds[3]);
    }
}
