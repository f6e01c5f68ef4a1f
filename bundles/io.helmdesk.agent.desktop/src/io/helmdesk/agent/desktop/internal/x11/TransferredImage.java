package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

import io.helmdesk.agent.desktop.DesktopUnavailableException;

/**
 * The root window read through the core protocol ({@code XGetSubImage}) into native memory this image keeps: the
 * pixels cross the connection, some 30 times slower than MIT-SHM, but it works with any server, remote ones too.
 */
final class TransferredImage extends ScreenImage {

    private final Memory data;
    private final Pointer image;
    private boolean closed;

    private TransferredImage(XConnection connection, int width, int height, Memory data, Pointer image) {
        super(connection, width, height);
        this.data = data;
        this.image = image;
    }

    static TransferredImage create(XConnection connection, int width, int height) throws DesktopUnavailableException {
        Xlib xlib = connection.xlib();
        Pointer display = connection.display();
        int depth = xlib.XDefaultDepth(display, connection.screen());
        Memory data = new Memory((long) width * height * 4);
        Pointer image = xlib.XCreateImage(display, xlib.XDefaultVisual(display, connection.screen()), depth,
                Xlib.ZPIXMAP, 0, data, width, height, 32, width * 4);
        if (image == null) {
            data.close();
            throw new DesktopUnavailableException("XCreateImage failed for a " + width + "x" + height + " screen");
        }
        TransferredImage created = new TransferredImage(connection, width, height, data, image);
        try {
            created.describe(image, data);
            return created;
        } catch (DesktopUnavailableException | RuntimeException e) {
            created.close();
            throw e;
        }
    }

    @Override
    boolean fill() {
        return connection.xlib().XGetSubImage(connection.display(), connection.root(), 0, 0, width, height,
                ALL_PLANES, Xlib.ZPIXMAP, image, 0, 0) != null;
    }

    @Override
    String transport() {
        return "XGetImage";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        // XFree, not XDestroyImage: the data is this object's Memory, not Xlib's to free.
        connection.xlib().XFree(image);
        data.close();
    }
}
