package io.helmdesk.bench.screen;

import java.io.IOException;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * One connection to the X server, used by one thread: windows, pixmaps and images put into them. Closing it destroys
 * what it created (the X server does that for a closed connection), which is how a workload's windows disappear.
 */
final class XConnection implements AutoCloseable {

    private static final Xlib X = Xlib.X;

    static {
        X.XInitThreads();
    }

    final Pointer display;
    final NativeLong root;
    private final Pointer visual;
    private final int depth;
    private final Pointer gc;
    private boolean closed;

    XConnection(String name) throws IOException {
        display = X.XOpenDisplay(name);
        if (display == null) {
            throw new IOException("Cannot open the X display " + name);
        }
        int screen = X.XDefaultScreen(display);
        root = X.XRootWindow(display, screen);
        visual = X.XDefaultVisual(display, screen);
        depth = X.XDefaultDepth(display, screen);
        if (depth != 24) {
            throw new IOException("The display's depth is " + depth + ", not 24");
        }
        gc = X.XCreateGC(display, root, new NativeLong(0), null);
    }

    /** A top-level window (no window manager here: it stays where it is put), not mapped yet. */
    NativeLong window(int x, int y, int width, int height, String name, int background) {
        NativeLong window = X.XCreateSimpleWindow(display, root, x, y, width, height, 0, new NativeLong(0),
                new NativeLong(background));
        X.XStoreName(display, window, name);
        return window;
    }

    /** A pixmap on the X server holding the picture. */
    NativeLong pixmap(int[] pixels, int width, int height) {
        NativeLong pixmap = X.XCreatePixmap(display, root, width, height, depth);
        try (Canvas canvas = canvas(width, height)) {
            canvas.put(pixels, pixmap, 0, 0);
        }
        X.XSync(display, 0);
        return pixmap;
    }

    /** An image buffer in native memory, put into drawables with XPutImage. */
    Canvas canvas(int width, int height) {
        return new Canvas(width, height);
    }

    void sync() {
        X.XSync(display, 0);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            X.XFreeGC(display, gc);
            X.XCloseDisplay(display);
        }
    }

    final class Canvas implements AutoCloseable {

        private final int width;
        private final int height;
        private final Memory memory;
        private final Pointer image;

        private Canvas(int width, int height) {
            this.width = width;
            this.height = height;
            this.memory = new Memory((long) width * height * 4);
            this.image = X.XCreateImage(display, visual, depth, Xlib.Z_PIXMAP, 0, memory, width, height, 32, 0);
        }

        /** Copies the pixels (0x00RRGGBB, row by row) into the image and puts it at (x, y) of the drawable. */
        void put(int[] pixels, NativeLong drawable, int x, int y) {
            memory.write(0, pixels, 0, width * height);
            X.XPutImage(display, drawable, gc, image, 0, 0, x, y, width, height);
        }

        @Override
        public void close() {
            // Only the XImage structure: its data is the Memory, freed by JNA.
            X.XFree(image);
        }
    }
}
