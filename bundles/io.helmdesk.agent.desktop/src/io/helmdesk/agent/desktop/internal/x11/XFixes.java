package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.ptr.IntByReference;

/** XFIXES from libXfixes: server-side regions (for DAMAGE) and the cursor image. */
interface XFixes extends Library {

    String SONAME = "libXfixes.so.3";

    /** {@code XFixesCursorImage}; the pixels are C {@code unsigned long}s, 8 bytes each on 64-bit systems. */
    @FieldOrder({"x", "y", "width", "height", "xhot", "yhot", "cursor_serial", "pixels", "atom", "name"})
    class CursorImage extends Structure {

        public short x;
        public short y;
        public short width;
        public short height;
        public short xhot;
        public short yhot;
        public NativeLong cursor_serial;
        public Pointer pixels;
        public NativeLong atom;
        public Pointer name;

        CursorImage(Pointer pointer) {
            super(pointer);
            read();
        }
    }

    int XFixesQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

    /** Must come first: the server treats a client that did not announce a version as knowing none. */
    int XFixesQueryVersion(Pointer display, IntByReference major, IntByReference minor);

    NativeLong XFixesCreateRegion(Pointer display, Pointer rectangles, int count);

    void XFixesDestroyRegion(Pointer display, NativeLong region);

    /** Returns {@code XRectangle}s (short x, y; unsigned short width, height) to free with XFree. */
    Pointer XFixesFetchRegion(Pointer display, NativeLong region, IntByReference count);

    /** Returns one allocation to free with XFree. */
    Pointer XFixesGetCursorImage(Pointer display);

    /** {@code XFixesDisplayCursorNotifyMask}: an event whenever the displayed cursor's shape changes. */
    int DISPLAY_CURSOR_NOTIFY_MASK = 1;
    /** {@code XFixesCursorNotify}: added to the extension's event base. */
    int CURSOR_NOTIFY = 1;

    void XFixesSelectCursorInput(Pointer display, NativeLong window, NativeLong eventMask);
}
