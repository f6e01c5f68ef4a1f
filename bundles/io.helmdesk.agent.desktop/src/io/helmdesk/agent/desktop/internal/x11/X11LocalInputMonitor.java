package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;

import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.LocalInputListener;
import io.helmdesk.agent.desktop.internal.InjectedInput;
import io.helmdesk.agent.desktop.internal.Keysyms;
import io.helmdesk.agent.desktop.internal.PollingMonitor;

/**
 * Tells the local user's input from the sink's on X11, where an event does not say whether XTEST made it: 50 times a
 * second it reads the pointer ({@code XQueryPointer}) and the keys down ({@code XQueryKeymap}) on a connection of its
 * own and compares them with what the sink injected lately ({@link InjectedInput}).
 * <p>
 * Limits: input shorter than a poll (20 ms) between two polls is missed (a pointer moved and brought back, a key
 * tapped and released in under 20 ms — rare by hand); a key or button the sink holds down hides the same key or button
 * pressed locally, and a local move that ends exactly where the sink left the pointer goes unnoticed; input injected by
 * other programs (xdotool, another remote tool) counts as local.
 */
final class X11LocalInputMonitor extends PollingMonitor {

    private static final int KEYMAP_BYTES = 32;

    private final XConnection connection;
    private final InjectedInput injected;
    private final byte[] keys = new byte[KEYMAP_BYTES];
    private final byte[] previousKeys = new byte[KEYMAP_BYTES];
    private final IntByReference rootX = new IntByReference();
    private final IntByReference rootY = new IntByReference();
    private final IntByReference mask = new IntByReference();
    private int escapeKeycode;
    private boolean observed;
    private int previousX;
    private int previousY;
    private int previousButtons;

    private X11LocalInputMonitor(XConnection connection, InjectedInput injected) {
        super("helmdesk-local-input " + connection.name());
        this.connection = connection;
        this.injected = injected;
        this.escapeKeycode = escapeKeycode();
    }

    static X11LocalInputMonitor open(X11Libraries libraries, String displayName, InjectedInput injected)
            throws DesktopUnavailableException {
        return new X11LocalInputMonitor(XConnection.open(libraries.xlib(), displayName), injected);
    }

    private int escapeKeycode() {
        return connection.xlib().XKeysymToKeycode(connection.display(), new NativeLong(Keysyms.ESCAPE)) & 0xFF;
    }

    @Override
    protected void poll(LocalInputListener listener) {
        Xlib xlib = connection.xlib();
        connection.drainEvents((event, type) -> {
            if (type == Xlib.MAPPING_NOTIFY) {
                xlib.XRefreshKeyboardMapping(event);
                escapeKeycode = escapeKeycode();
            }
        });
        long queriedAt = injected.timestamp();
        boolean onThisScreen = xlib.XQueryPointer(connection.display(), connection.root(), new NativeLongByReference(),
                new NativeLongByReference(), rootX, rootY, new IntByReference(), new IntByReference(), mask) != 0;
        xlib.XQueryKeymap(connection.display(), keys);
        connection.checkAlive();
        int x = rootX.getValue();
        int y = rootY.getValue();
        int buttons = (mask.getValue() / Xlib.BUTTON1_MASK) & 0b111;
        boolean activity = false;
        boolean escape = false;
        if (observed) {
            activity |= onThisScreen && (x != previousX || y != previousY)
                    && !injected.explainsPointer(x, y, queriedAt);
            activity |= buttons != previousButtons && !injected.explainsButtons(buttons, queriedAt);
            for (int keycode = 8; keycode < KEYMAP_BYTES * 8; keycode++) {
                if (down(keys, keycode) && !down(previousKeys, keycode)
                        && !injected.explainsKeyDown(keycode, queriedAt)) {
                    activity = true;
                    escape |= keycode == escapeKeycode;
                }
            }
        }
        observed = true;
        previousX = x;
        previousY = y;
        previousButtons = buttons;
        System.arraycopy(keys, 0, previousKeys, 0, KEYMAP_BYTES);
        if (activity) {
            tell(listener::onLocalActivity);
        }
        if (escape) {
            tell(listener::onLocalEscape);
        }
    }

    private static boolean down(byte[] keymap, int keycode) {
        return (keymap[keycode >> 3] & (1 << (keycode & 7))) != 0;
    }

    @Override
    protected void release() {
        connection.close();
    }
}
