package io.helmdesk.agent.desktop.internal.x11;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.internal.ButtonTransitions;
import io.helmdesk.agent.desktop.internal.InjectedInput;
import io.helmdesk.agent.desktop.internal.Keysyms;

/**
 * Injects input through XTEST on a connection of its own, recording each injection for the session's
 * {@link X11LocalInputMonitor} before sending it and confirming it once the server has handled it. Methods are synchronized: the connection is used by one thread at a
 * time.
 */
final class X11InputSink implements InputSink {

    private static final int WHEEL_UP = 4;
    private static final int WHEEL_DOWN = 5;
    private static final int WHEEL_LEFT = 6;
    private static final int WHEEL_RIGHT = 7;

    /** How long the answer to "does a window manager run?" is trusted. */
    private static final long WINDOW_MANAGER_CHECK_NANOS = 5_000_000_000L;

    private final Logger logger = LoggerFactory.getLogger(X11InputSink.class);
    private final XConnection connection;
    private final XTest test;
    private final InjectedInput injected;
    private final X11Keyboard keyboard;
    /** Keysym to the key code pressed for it, in pressing order. */
    private final Map<Integer, Integer> pressedKeys = new LinkedHashMap<>();
    private int buttons;
    private int screenWidth;
    private int screenHeight;
    private boolean rootReconfigured;
    private boolean windowManager;
    private long windowManagerCheckedAt;
    private boolean closed;

    private X11InputSink(XConnection connection, XTest test, InjectedInput injected) {
        this.connection = connection;
        this.test = test;
        this.injected = injected;
        this.keyboard = new X11Keyboard(connection);
        int[] size = connection.rootSize();
        this.screenWidth = size[0];
        this.screenHeight = size[1];
    }

    static X11InputSink open(X11Libraries libraries, String displayName, InjectedInput injected)
            throws DesktopUnavailableException {
        XTest test = libraries.requireTest();
        XConnection connection = XConnection.open(libraries.xlib(), displayName);
        try {
            if (test.XTestQueryExtension(connection.display(), new IntByReference(), new IntByReference(),
                    new IntByReference(), new IntByReference()) == 0) {
                throw new DesktopUnavailableException("X display " + displayName
                        + " has no XTEST extension: input cannot be injected");
            }
            // Input keeps flowing while another client grabs the server, as a keyboard's would.
            test.XTestGrabControl(connection.display(), 1);
            libraries.xlib().XSelectInput(connection.display(), connection.root(),
                    new NativeLong(Xlib.STRUCTURE_NOTIFY_MASK));
            return new X11InputSink(connection, test, injected);
        } catch (DesktopUnavailableException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public synchronized void pointer(int x, int y, int buttonMask) {
        checkOpen();
        takeEvents();
        int clampedX = Math.clamp(x, 0, screenWidth - 1);
        int clampedY = Math.clamp(y, 0, screenHeight - 1);
        // Moved even to where the sink left it: the local user may have moved it since, and a click goes where the
        // remote user sees the pointer.
        injected.pointerMoved(clampedX, clampedY);
        test.XTestFakeMotionEvent(connection.display(), -1, clampedX, clampedY, XTest.NOW);
        setButtons(buttonMask & ButtonTransitions.BUTTONS);
        flush();
    }

    private void setButtons(int mask) {
        for (ButtonTransitions.Transition transition : ButtonTransitions.between(buttons, mask)) {
            buttons ^= 1 << transition.index();
            injected.buttonsChanged(buttons);
            if (transition.press()) {
                focusClickedWindowWithoutWindowManager();
            }
            test.XTestFakeButtonEvent(connection.display(), transition.x11Button(), transition.press() ? 1 : 0,
                    XTest.NOW);
        }
    }

    @Override
    public synchronized void wheel(int deltaX, int deltaY) {
        checkOpen();
        takeEvents();
        click(deltaY < 0 ? WHEEL_UP : WHEEL_DOWN, Math.abs(deltaY));
        click(deltaX < 0 ? WHEEL_LEFT : WHEEL_RIGHT, Math.abs(deltaX));
        flush();
    }

    private void click(int button, int times) {
        for (int i = 0; i < times; i++) {
            test.XTestFakeButtonEvent(connection.display(), button, 1, XTest.NOW);
            test.XTestFakeButtonEvent(connection.display(), button, 0, XTest.NOW);
        }
    }

    @Override
    public synchronized void key(int keysym, boolean down) {
        checkOpen();
        takeEvents();
        if (down) {
            press(keysym);
        } else {
            release(keysym);
        }
        flush();
    }

    private void press(int keysym) {
        Integer held = pressedKeys.get(keysym);
        int keycode = held != null
                ? held // pressed again while down: auto-repeat on the same key
                : keyboard.keycodeFor(keysym, holds(Keysyms::isShift), holds(Keysyms::isCommandModifier),
                        new HashSet<>(pressedKeys.values()));
        if (keycode == 0) {
            logger.debug("Keysym 0x{} has no key and no spare key code is left: dropped", Integer.toHexString(keysym));
            return;
        }
        pressedKeys.put(keysym, keycode);
        injected.keyPressed(keycode);
        test.XTestFakeKeyEvent(connection.display(), keycode, 1, XTest.NOW);
    }

    private void release(int keysym) {
        Integer keycode = pressedKeys.remove(keysym);
        if (keycode == null) {
            return; // not pressed through this sink: the key may be the local user's
        }
        injected.keyReleased(keycode);
        test.XTestFakeKeyEvent(connection.display(), keycode, 0, XTest.NOW);
    }

    private boolean holds(IntPredicate kind) {
        return pressedKeys.keySet().stream().anyMatch(kind::test);
    }

    @Override
    public synchronized void releaseAll() {
        if (closed) {
            return;
        }
        connection.checkAlive();
        List<Integer> held = new ArrayList<>(pressedKeys.keySet());
        for (int i = held.size() - 1; i >= 0; i--) {
            release(held.get(i));
        }
        setButtons(0);
        flush();
    }

    @Override
    public synchronized void ctrlAltDel() {
        checkOpen();
        takeEvents();
        List<Integer> pressedHere = new ArrayList<>();
        for (int keysym : new int[]{Keysyms.CONTROL_L, Keysyms.ALT_L, Keysyms.DELETE}) {
            if (!pressedKeys.containsKey(keysym)) {
                press(keysym);
                pressedHere.add(keysym);
            }
        }
        for (int i = pressedHere.size() - 1; i >= 0; i--) {
            release(pressedHere.get(i));
        }
        flush();
    }

    /**
     * Waits until the server has handled what was sent, so the monitor knows exactly which states the server may still
     * show, then takes the events that came meanwhile. One round trip per call: on the local socket, tens of
     * microseconds.
     */
    private void flush() {
        connection.xlib().XSync(connection.display(), 0);
        injected.applied();
        takeEvents();
    }

    /** Takes the events this connection receives: root resizes and keyboard mapping changes. */
    private void takeEvents() {
        connection.drainEvents((event, type) -> {
            if (type == Xlib.MAPPING_NOTIFY) {
                keyboard.invalidate();
            } else if (type == Xlib.CONFIGURE_NOTIFY) {
                rootReconfigured = true;
            }
        });
        if (rootReconfigured) {
            rootReconfigured = false;
            int[] size = connection.rootSize();
            screenWidth = size[0];
            screenHeight = size[1];
        }
    }

    /**
     * On a display without a window manager (a bare Xvfb, a kiosk) nothing gives a clicked window the keyboard: the
     * focus stays where the last program put it (the agent's own window when it opened), and the remote user's typing
     * goes there. A click then focuses the top-level window under the pointer, as a click-to-focus window manager
     * would. With a window manager (it names itself through {@code _NET_SUPPORTING_WM_CHECK}), focus is its business.
     */
    private void focusClickedWindowWithoutWindowManager() {
        if (windowManagerRunning()) {
            return;
        }
        Xlib xlib = connection.xlib();
        NativeLongByReference root = new NativeLongByReference();
        NativeLongByReference child = new NativeLongByReference();
        IntByReference ignored = new IntByReference();
        if (xlib.XQueryPointer(connection.display(), connection.root(), root, child, ignored, ignored, ignored,
                ignored, ignored) != 0 && child.getValue().longValue() != 0) {
            connection.clearError();
            xlib.XSetInputFocus(connection.display(), child.getValue(), Xlib.REVERT_TO_POINTER_ROOT,
                    new NativeLong(0));
            // A window that cannot take the focus (not viewable) answers BadMatch: nothing to do then.
            connection.syncAndTakeError();
        }
    }

    /** Whether an EWMH window manager runs, asked at most every few seconds (one may start during a session). */
    private boolean windowManagerRunning() {
        long now = System.nanoTime();
        if (now - windowManagerCheckedAt < WINDOW_MANAGER_CHECK_NANOS && windowManagerCheckedAt != 0) {
            return windowManager;
        }
        windowManagerCheckedAt = now;
        Xlib xlib = connection.xlib();
        NativeLong check = xlib.XInternAtom(connection.display(), "_NET_SUPPORTING_WM_CHECK", 1);
        windowManager = false;
        if (check.longValue() != 0) {
            NativeLongByReference type = new NativeLongByReference();
            IntByReference format = new IntByReference();
            NativeLongByReference items = new NativeLongByReference();
            NativeLongByReference after = new NativeLongByReference();
            PointerByReference data = new PointerByReference();
            if (xlib.XGetWindowProperty(connection.display(), connection.root(), check, new NativeLong(0),
                    new NativeLong(1), 0, new NativeLong(0), type, format, items, after, data) == 0) {
                windowManager = items.getValue().longValue() > 0;
                if (data.getValue() != null) {
                    xlib.XFree(data.getValue());
                }
            }
        }
        return windowManager;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the input sink is closed");
        }
        connection.checkAlive();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            releaseAll();
            keyboard.unbindAll();
            connection.xlib().XSync(connection.display(), 0);
        } catch (RuntimeException e) {
            logger.debug("Releasing keys on closing failed: {}", e.toString());
        } finally {
            closed = true;
            connection.close();
        }
    }
}
