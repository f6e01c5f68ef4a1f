package io.helmdesk.agent.desktop;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Injects a remote user's pointer and keyboard into the desktop, as RFB does: the pointer as a position plus the
 * buttons now down (the sink presses and releases what changed), keys by X11 keysym. Calls may come from any thread
 * but must not overlap; implementations serialise them. The sink remembers what it pressed, so that
 * {@link #releaseAll()} and {@link #close()} leave no key or button stuck down.
 */
@ProviderType
public interface InputSink extends AutoCloseable {

    int BUTTON_LEFT = 1;
    int BUTTON_MIDDLE = 1 << 1;
    int BUTTON_RIGHT = 1 << 2;

    /**
     * Moves the pointer to ({@code x}, {@code y}), clamped to the screen, then presses the buttons of
     * {@code buttonMask} that were up and releases those that were down. Bits other than {@link #BUTTON_LEFT},
     * {@link #BUTTON_MIDDLE} and {@link #BUTTON_RIGHT} are ignored: the wheel is {@link #wheel(int, int)}.
     *
     * @throws DesktopLostException if the display went away
     */
    void pointer(int x, int y, int buttonMask);

    /**
     * Turns the wheel by whole notches: {@code deltaY} positive scrolls down (towards the user), {@code deltaX}
     * positive scrolls right.
     *
     * @throws DesktopLostException if the display went away
     */
    void wheel(int deltaX, int deltaY);

    /**
     * Presses or releases the key that means {@code keysym} ({@code 0x61} a, {@code 0xff0d} Return,
     * {@code 0x10020ac} €). Modifiers are keys too: a remote Shift arrives as its own press of {@code 0xffe1}. A
     * keysym the keyboard has no key for is still typed where the platform allows (X11: a spare key bound to it for a
     * while; Windows: as a Unicode character); otherwise it is dropped.
     *
     * @throws DesktopLostException if the display went away
     */
    void key(int keysym, boolean down);

    /** Releases every key and button this sink holds down, e.g. when the remote user loses control. */
    void releaseAll();

    /**
     * Sends the secure attention sequence: on Windows the real one (when the agent runs as a service and policy
     * allows software to), elsewhere Control+Alt+Delete as keys, which the desktop interprets as it likes.
     */
    void ctrlAltDel();

    /** Releases everything still down and disconnects from the desktop. */
    @Override
    void close();
}
