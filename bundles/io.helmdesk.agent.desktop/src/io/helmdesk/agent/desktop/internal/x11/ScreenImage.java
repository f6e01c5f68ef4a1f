package io.helmdesk.agent.desktop.internal.x11;

import java.nio.ByteOrder;
import java.nio.IntBuffer;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import io.helmdesk.agent.desktop.DesktopUnavailableException;

/**
 * A client-side XImage the size of the root window whose pixels live in native memory, so a capture is one request
 * and the frame a view of that memory: {@link SharedMemoryImage} (MIT-SHM) or {@link TransferredImage} (the core
 * protocol, when the server cannot share memory with this process).
 */
abstract sealed class ScreenImage implements AutoCloseable permits SharedMemoryImage, TransferredImage {

    /** All planes: the pixels' bits exactly as the server holds them. */
    static final NativeLong ALL_PLANES = new NativeLong(-1L);

    final XConnection connection;
    final int width;
    final int height;
    private IntBuffer pixels;
    private int stride;

    ScreenImage(XConnection connection, int width, int height) {
        this.connection = connection;
        this.width = width;
        this.height = height;
    }

    /** Checks the format the server gave the image and makes the pixel view. */
    final void describe(Pointer image, Pointer data) throws DesktopUnavailableException {
        Xlib.XImage header = new Xlib.XImage(image);
        if (header.bits_per_pixel != 32 || header.depth < 24 || header.red_mask.longValue() != 0xFF0000L
                || header.green_mask.longValue() != 0xFF00L || header.blue_mask.longValue() != 0xFFL) {
            throw new DesktopUnavailableException("unsupported X visual: depth " + header.depth + ", "
                    + header.bits_per_pixel + " bits per pixel, red mask 0x" + Long.toHexString(
                            header.red_mask.longValue())
                    + " (only 24-bit true colour in 32-bit pixels is captured)");
        }
        stride = header.bytes_per_line / 4;
        ByteOrder order = header.byte_order == Xlib.LSB_FIRST ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        pixels = data.getByteBuffer(0, (long) header.bytes_per_line * height).order(order).asIntBuffer();
    }

    /** Reads the root window into the pixels; false if the server refused (typically: the screen shrank meanwhile). */
    abstract boolean fill();

    /** A read-only view for one frame, so a consumer cannot move the source's own position or write its memory. */
    final IntBuffer pixels() {
        return pixels.asReadOnlyBuffer();
    }

    final int stride() {
        return stride;
    }

    /** Which protocol the image is filled through, for the session's description. */
    abstract String transport();

    @Override
    public abstract void close();
}
