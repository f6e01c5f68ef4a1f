package io.helmdesk.agent.desktop.internal.x11;

import java.util.Optional;

import com.sun.jna.Library;
import com.sun.jna.Native;

import io.helmdesk.agent.desktop.DesktopUnavailableException;

/**
 * The X11 libraries, loaded by their sonames (the unversioned {@code .so} links come only with the -dev packages).
 * libX11, libXext and libc are required; each extension library is optional and its feature is left out without it.
 */
record X11Libraries(Xlib xlib, XShm shm, LibC libc, Optional<XDamage> damage, Optional<XFixes> fixes,
        Optional<XTest> test, Optional<XRandr> randr) {

    static X11Libraries load() throws DesktopUnavailableException {
        try {
            return new X11Libraries(Native.load(Xlib.SONAME, Xlib.class), Native.load(XShm.SONAME, XShm.class),
                    Native.load(LibC.NAME, LibC.class), optional(XDamage.SONAME, XDamage.class),
                    optional(XFixes.SONAME, XFixes.class), optional(XTest.SONAME, XTest.class),
                    optional(XRandr.SONAME, XRandr.class));
        } catch (UnsatisfiedLinkError e) {
            throw new DesktopUnavailableException("libX11 or libXext cannot be loaded (install libx11-6 and libxext6): "
                    + e.getMessage(), e);
        }
    }

    private static <T extends Library> Optional<T> optional(String soname, Class<T> type) {
        try {
            return Optional.of(Native.load(soname, type));
        } catch (UnsatisfiedLinkError e) {
            return Optional.empty();
        }
    }

    /** XTEST is needed for input; without libXtst the desktop can be watched, not controlled. */
    XTest requireTest() throws DesktopUnavailableException {
        return test.orElseThrow(() -> new DesktopUnavailableException(
                "libXtst cannot be loaded (install libxtst6): without it input cannot be injected"));
    }
}
