package io.helmdesk.agent.desktop.internal.windows;

import com.sun.jna.Native;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/** The few Win32 functions jna-platform does not declare. */
final class WindowsNatives {

    static final int SM_XVIRTUALSCREEN = 76;
    static final int SM_YVIRTUALSCREEN = 77;
    static final int SM_CXVIRTUALSCREEN = 78;
    static final int SM_CYVIRTUALSCREEN = 79;
    /** BitBlt: include layered (translucent) windows. */
    static final int CAPTUREBLT = 0x40000000;
    static final int CURSOR_SHOWING = 1;

    private WindowsNatives() {
    }

    @FieldOrder({"cbSize", "flags", "hCursor", "ptScreenPos"})
    public static class CURSORINFO extends Structure {

        public int cbSize;
        public int flags;
        public WinDef.HCURSOR hCursor;
        public WinDef.POINT ptScreenPos;

        public CURSORINFO() {
            cbSize = size();
        }
    }

    interface User32Extra extends StdCallLibrary {

        User32Extra INSTANCE = Native.load("user32", User32Extra.class, W32APIOptions.DEFAULT_OPTIONS);

        boolean GetCursorInfo(CURSORINFO info);
    }

    interface Gdi32Extra extends StdCallLibrary {

        Gdi32Extra INSTANCE = Native.load("gdi32", Gdi32Extra.class, W32APIOptions.DEFAULT_OPTIONS);

        /** Completes GDI's batched drawing, so a DIB section's bits can be read. */
        boolean GdiFlush();
    }

    /** sas.dll, Windows 7 and later. */
    interface SecureAttention extends StdCallLibrary {

        /** @param asUser false when called by a service running as LocalSystem, the case that works */
        void SendSAS(boolean asUser);
    }
}
