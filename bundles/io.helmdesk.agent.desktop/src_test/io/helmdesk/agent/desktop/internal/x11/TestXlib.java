package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

/** libX11 calls only the tests need: drawing, windows and their cursors. */
interface TestXlib extends Library {

    long BUTTON_PRESS_MASK = 1L << 2;
    long BUTTON_RELEASE_MASK = 1L << 3;
    int BUTTON_PRESS = 4;
    int BUTTON_RELEASE = 5;

    Pointer XCreateGC(Pointer display, NativeLong drawable, NativeLong valueMask, Pointer values);

    int XSetForeground(Pointer display, Pointer gc, NativeLong pixel);

    int XFillRectangle(Pointer display, NativeLong drawable, Pointer gc, int x, int y, int width, int height);

    int XFreeGC(Pointer display, Pointer gc);

    NativeLong XCreateSimpleWindow(Pointer display, NativeLong parent, int x, int y, int width, int height,
            int borderWidth, NativeLong border, NativeLong background);

    int XMapWindow(Pointer display, NativeLong window);

    int XDestroyWindow(Pointer display, NativeLong window);

    /** {@code XC_crosshair} of the cursor font. */
    int XC_CROSSHAIR = 34;

    NativeLong XCreateFontCursor(Pointer display, int shape);

    int XDefineCursor(Pointer display, NativeLong window, NativeLong cursor);
}
