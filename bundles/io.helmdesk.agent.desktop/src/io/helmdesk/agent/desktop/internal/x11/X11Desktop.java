package io.helmdesk.agent.desktop.internal.x11;

import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.internal.InjectedInput;
import io.helmdesk.agent.desktop.internal.PlatformDesktopSession;

/**
 * Opens an X11 desktop: three connections to the display, one each for capture, input and the local-input monitor,
 * so none waits for another's round trips and each stays on its own thread.
 */
public final class X11Desktop {

    private X11Desktop() {
    }

    /**
     * @param displayName as in {@code DISPLAY}, e.g. {@code ":0"}
     * @throws DesktopUnavailableException if libX11, libXext or libXtst do not load, the display cannot be opened or
     *             has no XTEST, or its pixel format is not 24-bit true colour
     */
    public static DesktopSession open(String displayName) throws DesktopUnavailableException {
        X11Libraries libraries = X11Libraries.load();
        libraries.requireTest();
        InjectedInput injected = new InjectedInput();
        X11ScreenSource screen = null;
        X11InputSink input = null;
        boolean opened = false;
        try {
            screen = X11ScreenSource.open(libraries, displayName);
            input = X11InputSink.open(libraries, displayName, injected);
            X11LocalInputMonitor monitor = X11LocalInputMonitor.open(libraries, displayName, injected);
            opened = true;
            return new PlatformDesktopSession("X11 " + displayName + " (" + screen.features() + ")", screen, input,
                    monitor);
        } finally {
            if (!opened) {
                if (input != null) {
                    input.close();
                }
                if (screen != null) {
                    screen.close();
                }
            }
        }
    }
}
