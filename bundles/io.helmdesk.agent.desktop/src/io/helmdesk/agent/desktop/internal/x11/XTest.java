package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** XTEST from libXtst: input events the server handles as if they came from its devices. */
interface XTest extends Library {

    String SONAME = "libXtst.so.6";

    /** The delay argument: now. */
    NativeLong NOW = new NativeLong(0);

    int XTestQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase,
            IntByReference major, IntByReference minor);

    /** @param screen -1 for the screen the pointer is on */
    int XTestFakeMotionEvent(Pointer display, int screen, int x, int y, NativeLong delay);

    int XTestFakeButtonEvent(Pointer display, int button, int isPress, NativeLong delay);

    int XTestFakeKeyEvent(Pointer display, int keycode, int isPress, NativeLong delay);

    /** Lets this connection's requests through while another client grabs the server. */
    int XTestGrabControl(Pointer display, int impervious);
}
