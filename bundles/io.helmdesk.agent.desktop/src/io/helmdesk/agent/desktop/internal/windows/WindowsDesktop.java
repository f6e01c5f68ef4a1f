package io.helmdesk.agent.desktop.internal.windows;

import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.internal.PlatformDesktopSession;

/**
 * Opens the Windows desktop of the session the agent runs in: GDI capture, {@code SendInput}, low-level hooks. A
 * service in session 0 sees no user's desktop; the agent must run in the user's session (started there by a service
 * if need be).
 */
public final class WindowsDesktop {

    private WindowsDesktop() {
    }

    public static DesktopSession open() throws DesktopUnavailableException {
        try {
            return new PlatformDesktopSession("Windows (GDI capture, SendInput, low-level hooks)",
                    new WindowsScreenSource(), new WindowsInputSink(), new WindowsLocalInputMonitor());
        } catch (UnsatisfiedLinkError e) {
            throw new DesktopUnavailableException("user32 or gdi32 cannot be loaded: " + e.getMessage(), e);
        }
    }
}
