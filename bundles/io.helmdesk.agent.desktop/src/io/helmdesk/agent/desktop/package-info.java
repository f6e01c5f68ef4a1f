/**
 * The reached computer's desktop as a remote session sees it: a {@link io.helmdesk.agent.desktop.ScreenSource} to
 * capture the screen and the cursor, an {@link io.helmdesk.agent.desktop.InputSink} to inject pointer and keyboard
 * input, and a {@link io.helmdesk.agent.desktop.LocalInputMonitor} that tells when the person at the computer takes
 * over. {@link io.helmdesk.agent.desktop.DesktopAccess} (a service) opens the three together as a
 * {@link io.helmdesk.agent.desktop.DesktopSession}: X11 through JNA, Windows GDI and {@code SendInput}, or
 * {@code java.awt.Robot} where neither applies.
 * <p>
 * Coordinates are those of the captured picture: (0, 0) is its top-left pixel, whatever the platform's own origin.
 * Keys are named by X11 keysyms (as in RFB), which name what a key means, not where it sits on a keyboard.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.agent.desktop;
