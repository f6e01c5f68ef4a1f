package io.helmdesk.bench.screen;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/**
 * The few Xlib calls the workload player needs (libX11 through JNA). XIDs (windows, pixmaps) are {@code NativeLong},
 * a {@code Display*}, {@code GC}, {@code Visual*} or {@code XImage*} a {@link Pointer}. Each player thread opens its
 * own connection, so no connection is used by two threads.
 */
interface Xlib extends Library {

    Xlib X = Native.load("X11", Xlib.class);

    int Z_PIXMAP = 2;

    int XInitThreads();

    Pointer XOpenDisplay(String name);

    int XCloseDisplay(Pointer display);

    int XDefaultScreen(Pointer display);

    NativeLong XRootWindow(Pointer display, int screen);

    Pointer XDefaultVisual(Pointer display, int screen);

    int XDefaultDepth(Pointer display, int screen);

    NativeLong XCreateSimpleWindow(Pointer display, NativeLong parent, int x, int y, int width, int height,
            int borderWidth, NativeLong border, NativeLong background);

    int XStoreName(Pointer display, NativeLong window, String name);

    int XMapRaised(Pointer display, NativeLong window);

    int XUnmapWindow(Pointer display, NativeLong window);

    int XRaiseWindow(Pointer display, NativeLong window);

    int XMoveWindow(Pointer display, NativeLong window, int x, int y);

    int XDestroyWindow(Pointer display, NativeLong window);

    NativeLong XCreatePixmap(Pointer display, NativeLong drawable, int width, int height, int depth);

    int XFreePixmap(Pointer display, NativeLong pixmap);

    int XSetWindowBackgroundPixmap(Pointer display, NativeLong window, NativeLong pixmap);

    int XSetWindowBackground(Pointer display, NativeLong window, NativeLong pixel);

    int XClearWindow(Pointer display, NativeLong window);

    Pointer XCreateGC(Pointer display, NativeLong drawable, NativeLong valueMask, Pointer values);

    int XFreeGC(Pointer display, Pointer gc);

    Pointer XCreateImage(Pointer display, Pointer visual, int depth, int format, int offset, Pointer data, int width,
            int height, int bitmapPad, int bytesPerLine);

    int XPutImage(Pointer display, NativeLong drawable, Pointer gc, Pointer image, int srcX, int srcY, int dstX,
            int dstY, int width, int height);

    int XSync(Pointer display, int discard);

    int XFlush(Pointer display);

    int XFree(Pointer data);
}
