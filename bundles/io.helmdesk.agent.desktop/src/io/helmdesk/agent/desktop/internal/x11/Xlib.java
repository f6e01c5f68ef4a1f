package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The part of libX11 this bundle uses. XIDs, atoms, keysyms and masks are C {@code unsigned long}, hence
 * {@link NativeLong}; key codes are passed as {@code int} (a C {@code KeyCode} is an unsigned char, which a Java byte
 * would sign-extend).
 */
interface Xlib extends Library {

    String SONAME = "libX11.so.6";

    int ZPIXMAP = 2;
    int LSB_FIRST = 0;
    long STRUCTURE_NOTIFY_MASK = 1L << 17;
    int CONFIGURE_NOTIFY = 22;
    int MAPPING_NOTIFY = 34;
    int MAPPING_KEYBOARD = 1;
    /** An XEvent is a union padded to 24 longs. */
    int EVENT_SIZE = 24 * NativeLong.SIZE;
    int BUTTON1_MASK = 1 << 8;

    /** {@code int (*)(Display *, XErrorEvent *)}. */
    interface ErrorHandler extends Callback {

        int handle(Pointer display, Pointer errorEvent);
    }

    /** {@code int (*)(Display *)}: told that a connection broke; Xlib's default prints and exits the process. */
    interface IOErrorHandler extends Callback {

        int handle(Pointer display);
    }

    /** {@code void (*)(Display *, void *)}: called after the I/O error handler; Xlib's default exits the process. */
    interface IOErrorExitHandler extends Callback {

        void handle(Pointer display, Pointer userData);
    }

    @FieldOrder({"type", "display", "resourceid", "serial", "error_code", "request_code", "minor_code"})
    class XErrorEvent extends Structure {

        public int type;
        public Pointer display;
        public NativeLong resourceid;
        public NativeLong serial;
        public byte error_code;
        public byte request_code;
        public byte minor_code;

        XErrorEvent(Pointer pointer) {
            super(pointer);
            read();
        }
    }

    /** The leading fields of {@code XImage}, up to the ones this bundle reads or sets. */
    @FieldOrder({"width", "height", "xoffset", "format", "data", "byte_order", "bitmap_unit", "bitmap_bit_order",
            "bitmap_pad", "depth", "bytes_per_line", "bits_per_pixel", "red_mask", "green_mask", "blue_mask"})
    class XImage extends Structure {

        public int width;
        public int height;
        public int xoffset;
        public int format;
        public Pointer data;
        public int byte_order;
        public int bitmap_unit;
        public int bitmap_bit_order;
        public int bitmap_pad;
        public int depth;
        public int bytes_per_line;
        public int bits_per_pixel;
        public NativeLong red_mask;
        public NativeLong green_mask;
        public NativeLong blue_mask;

        XImage(Pointer pointer) {
            super(pointer);
            read();
        }
    }

    Pointer XOpenDisplay(String name);

    int XCloseDisplay(Pointer display);

    Pointer XDisplayString(Pointer display);

    int XDefaultScreen(Pointer display);

    NativeLong XRootWindow(Pointer display, int screen);

    Pointer XDefaultVisual(Pointer display, int screen);

    int XDefaultDepth(Pointer display, int screen);

    int XGetGeometry(Pointer display, NativeLong drawable, NativeLongByReference root, IntByReference x,
            IntByReference y, IntByReference width, IntByReference height, IntByReference borderWidth,
            IntByReference depth);

    int XSync(Pointer display, int discard);

    int XFlush(Pointer display);

    int XPending(Pointer display);

    /** The file descriptor of the connection to the X server. */
    int XConnectionNumber(Pointer display);

    int XNextEvent(Pointer display, Pointer event);

    int XSelectInput(Pointer display, NativeLong window, NativeLong eventMask);

    int XFree(Pointer data);

    Pointer XSetErrorHandler(ErrorHandler handler);

    Pointer XSetErrorHandler(Pointer handler);

    Pointer XSetIOErrorHandler(IOErrorHandler handler);

    Pointer XSetIOErrorHandler(Pointer handler);

    void XSetIOErrorExitHandler(Pointer display, IOErrorExitHandler handler, Pointer userData);

    int XGetErrorText(Pointer display, int code, byte[] buffer, int length);

    Pointer XCreateImage(Pointer display, Pointer visual, int depth, int format, int offset, Pointer data, int width,
            int height, int bitmapPad, int bytesPerLine);

    Pointer XGetSubImage(Pointer display, NativeLong drawable, int x, int y, int width, int height,
            NativeLong planeMask, int format, Pointer destination, int destinationX, int destinationY);

    Pointer XGetAtomName(Pointer display, NativeLong atom);

    int XQueryPointer(Pointer display, NativeLong window, NativeLongByReference root, NativeLongByReference child,
            IntByReference rootX, IntByReference rootY, IntByReference windowX, IntByReference windowY,
            IntByReference mask);

    /** {@code RevertToPointerRoot}: where the focus goes if the focused window disappears. */
    int REVERT_TO_POINTER_ROOT = 1;

    /** @return the atom, or 0 with {@code onlyIfExists} when no client ever named it */
    NativeLong XInternAtom(Pointer display, String name, int onlyIfExists);

    int XGetWindowProperty(Pointer display, NativeLong window, NativeLong property, NativeLong offset,
            NativeLong length, int delete, NativeLong requestedType, NativeLongByReference actualType,
            IntByReference actualFormat, NativeLongByReference items, NativeLongByReference bytesAfter,
            PointerByReference data);

    int XSetInputFocus(Pointer display, NativeLong focus, int revertTo, NativeLong time);

    /** Fills 32 bytes, one bit per key code, set for the keys down. */
    int XQueryKeymap(Pointer display, byte[] keys);

    int XDisplayKeycodes(Pointer display, IntByReference minKeycode, IntByReference maxKeycode);

    /** Returns {@code count * keysymsPerKeycode} keysyms (C longs) to free with {@link #XFree}. */
    Pointer XGetKeyboardMapping(Pointer display, int firstKeycode, int count, IntByReference keysymsPerKeycode);

    int XChangeKeyboardMapping(Pointer display, int firstKeycode, int keysymsPerKeycode, NativeLong[] keysyms,
            int count);

    int XRefreshKeyboardMapping(Pointer mappingEvent);

    byte XKeysymToKeycode(Pointer display, NativeLong keysym);
}
