package io.helmdesk.agent.desktop;

import java.nio.IntBuffer;
import java.util.List;

/**
 * One capture of the whole virtual screen.
 * <p>
 * The pixels belong to the {@link ScreenSource}: they are valid until its next {@link ScreenSource#capture()} or
 * {@link ScreenSource#close()}, which may overwrite or unmap them. Encode (or copy) them before capturing again, and
 * never read a frame after closing its source — the X11 and Windows buffers are native memory.
 *
 * @param width the screen's width in pixels
 * @param height the screen's height in pixels
 * @param stride how many ints one row takes in {@code pixels} (at least {@code width})
 * @param pixels row-major, one int per pixel, red, green and blue in its low 24 bits ({@code 0xRRGGBB}); the top byte
 *            is padding: X servers and GDI normally leave it zero, but nothing promises so, mask it off where it
 *            matters. Read-only, positioned at 0, {@code stride * height} ints long
 * @param damage the rectangles that may have changed since the previous capture — the whole screen where the platform
 *            cannot tell, on the first capture and after a resize; empty if nothing changed
 * @param resized whether this is the first capture or the screen's size changed since the previous one (so the
 *            receiver must start over with a full picture)
 */
public record ScreenFrame(int width, int height, int stride, IntBuffer pixels, List<Region> damage, boolean resized) {

    public ScreenFrame {
        if (stride < width || pixels.remaining() < (long) stride * height) {
            throw new IllegalArgumentException("pixels do not hold " + height + " rows of " + stride + " ints");
        }
        damage = List.copyOf(damage);
    }

    /** The pixel at ({@code x}, {@code y}), as {@code 0xRRGGBB} (the padding byte masked off). */
    public int rgb(int x, int y) {
        return pixels.get(y * stride + x) & 0xFFFFFF;
    }

    public Region bounds() {
        return new Region(0, 0, width, height);
    }
}
