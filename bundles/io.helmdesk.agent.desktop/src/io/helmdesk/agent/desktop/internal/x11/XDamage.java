package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

/** DAMAGE from libXdamage: the server accumulates the region drawn to, the client takes it when it likes. */
interface XDamage extends Library {

    String SONAME = "libXdamage.so.1";

    /** One event when the damage goes from empty to not: the least traffic, as the region is fetched anyway. */
    int REPORT_NON_EMPTY = 3;
    /** {@code XDamageNotify}: added to the extension's event base. */
    int NOTIFY = 0;

    int XDamageQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

    int XDamageQueryVersion(Pointer display, IntByReference major, IntByReference minor);

    NativeLong XDamageCreate(Pointer display, NativeLong drawable, int level);

    void XDamageDestroy(Pointer display, NativeLong damage);

    /** With {@code repair} None: moves the whole damage into region {@code parts} and empties it. */
    void XDamageSubtract(Pointer display, NativeLong damage, NativeLong repair, NativeLong parts);
}
