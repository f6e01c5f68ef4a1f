package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.ptr.IntByReference;

/** RANDR from libXrandr: the monitors (RandR 1.5 {@code XRRGetMonitors}). */
interface XRandr extends Library {

    String SONAME = "libXrandr.so.2";

    @FieldOrder({"name", "primary", "automatic", "noutput", "x", "y", "width", "height", "mwidth", "mheight",
            "outputs"})
    class MonitorInfo extends Structure {

        public NativeLong name;
        public int primary;
        public int automatic;
        public int noutput;
        public int x;
        public int y;
        public int width;
        public int height;
        public int mwidth;
        public int mheight;
        public Pointer outputs;

        public MonitorInfo() {
        }

        MonitorInfo(Pointer pointer) {
            super(pointer);
            read();
        }
    }

    int XRRQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

    int XRRQueryVersion(Pointer display, IntByReference major, IntByReference minor);

    /** Returns an array of {@code count} monitors to free with {@link #XRRFreeMonitors}. */
    Pointer XRRGetMonitors(Pointer display, NativeLong window, int activeOnly, IntByReference count);

    void XRRFreeMonitors(Pointer monitors);
}
