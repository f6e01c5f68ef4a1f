package io.helmdesk.screen;

import java.nio.IntBuffer;
import java.util.List;
import java.util.Objects;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.screen.internal.JpegCodec;
import io.helmdesk.screen.internal.JpegCodecs;
import io.helmdesk.screen.internal.TiledEncoder;

/**
 * Turns captured frames into {@link FrameUpdate}s for one viewing session. It keeps its own copy of what the viewer
 * was sent and sends only what differs from it, in 64×64 tiles (neighbours on a row merged when one encoding fits
 * them): scrolled and moved content as COPY tiles, one colour as SOLID, up to 256 colours as PALETTE, photo-like
 * content as JPEG at {@link EncoderSettings#jpegQuality()}, anything else as ZLIB. Lossless tiles decode to exactly the
 * captured pixels. The first frame, and the first after {@link #refresh()} or {@link #resize}, sends everything.
 * <p>
 * Not thread-safe: one session's capture thread calls it.
 */
public final class ScreenEncoder {

    /** Tiles are this wide and high, except at the right and bottom edges. */
    public static final int TILE_SIZE = TiledEncoder.TILE;

    private final TiledEncoder encoder;

    private EncoderSettings settings;

    /** JPEG through libturbojpeg when it loads, else through ImageIO. */
    public ScreenEncoder(int width, int height, EncoderSettings settings) {
        this(width, height, settings, JpegCodecs.best());
    }

    ScreenEncoder(int width, int height, EncoderSettings settings, JpegCodec jpeg) {
        this.encoder = new TiledEncoder(width, height, jpeg);
        settings(settings);
    }

    /**
     * Encodes a captured frame.
     *
     * @param pixels the frame, {@code 0x00RRGGBB}, the top-left pixel at index 0 (the position is ignored); read, never
     *            kept, and only inside the damaged tiles
     * @param stride pixels from the start of one row to the next, at least the width
     * @param damageHints where the frame may differ from the last one: an empty list when nothing changed, the whole
     *            screen when unknown; pixels outside them are not looked at (except on a frame that sends everything)
     * @param capturedAtNanos when the frame was captured, on a monotonic clock ({@link System#nanoTime()}): lossy tiles
     *            are refined to lossless once they have stood still for a while
     * @return the update, with no tiles when nothing changed
     */
    public FrameUpdate encode(IntBuffer pixels, int stride, List<Region> damageHints, long capturedAtNanos) {
        Objects.requireNonNull(pixels, "pixels");
        for (Region region : damageHints) {
            encoder.damage(region.x(), region.y(), region.width(), region.height());
        }
        return encoder.encode(pixels, stride, capturedAtNanos);
    }

    /** The screen changed size: the next frame has the new size and sends everything. */
    public void resize(int width, int height) {
        encoder.resize(width, height);
    }

    /** The next frame sends everything (a viewer joined, or asked for it). */
    public void refresh() {
        encoder.refresh();
    }

    public int width() {
        return encoder.width();
    }

    public int height() {
        return encoder.height();
    }

    public EncoderSettings settings() {
        return settings;
    }

    /** Applies from the next frame on; e.g. the quality {@link FramePacer#suggestedQuality()} suggests. */
    public void settings(EncoderSettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
        encoder.configure(newSettings.jpegQuality(), newSettings.lossy(), newSettings.detectMotion());
    }

    /** For diagnostics: the library that writes JPEG tiles. */
    public String jpegImplementation() {
        return encoder.jpegName();
    }
}
