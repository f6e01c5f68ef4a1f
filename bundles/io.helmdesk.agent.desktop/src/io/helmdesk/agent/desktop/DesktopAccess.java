package io.helmdesk.agent.desktop;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Opens the desktop of the computer the agent runs on: X11 when {@code DISPLAY} names a display and libX11 and
 * libXext load, Windows GDI and {@code SendInput} on Windows, {@code java.awt.Robot} otherwise. A service; each remote
 * session opens its own {@link DesktopSession} and closes it at its end.
 */
@ProviderType
public interface DesktopAccess {

    /**
     * @throws DesktopUnavailableException if there is no desktop to reach (no graphical session, the display refuses
     *             the connection, a headless Java), with a message that says why
     */
    DesktopSession open() throws DesktopUnavailableException;
}
