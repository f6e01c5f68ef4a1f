package io.helmdesk.agent.desktop.internal.x11;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;

/**
 * Another X client on the test display: it draws, looks at the pointer and keyboard, and plays the local user through
 * an XTEST connection of its own.
 */
final class XClient implements AutoCloseable {

    /** A button event a window received: X11 button number and whether pressed. */
    record ButtonEvent(int button, boolean press) {
    }

    final Xlib xlib = Native.load(Xlib.SONAME, Xlib.class);
    private final TestXlib drawing = Native.load(Xlib.SONAME, TestXlib.class);
    private final XTest test = Native.load(XTest.SONAME, XTest.class);
    final Pointer display;
    final NativeLong root;
    private final Memory event = new Memory(Xlib.EVENT_SIZE);

    XClient(String displayName) {
        display = xlib.XOpenDisplay(displayName);
        assertNotNull(display, "cannot open " + displayName);
        root = xlib.XRootWindow(display, xlib.XDefaultScreen(display));
    }

    void fill(int x, int y, int width, int height, int rgb) {
        fill(root, x, y, width, height, rgb);
    }

    /** Fills a rectangle of {@code drawable} (in its own coordinates). */
    void fill(NativeLong drawable, int x, int y, int width, int height, int rgb) {
        Pointer gc = drawing.XCreateGC(display, drawable, new NativeLong(0), null);
        drawing.XSetForeground(display, gc, new NativeLong(rgb));
        drawing.XFillRectangle(display, drawable, gc, x, y, width, height);
        drawing.XFreeGC(display, gc);
        xlib.XSync(display, 0);
    }

    /** A mapped window that receives its button presses and releases. */
    NativeLong window(int x, int y, int width, int height) {
        NativeLong window = drawing.XCreateSimpleWindow(display, root, x, y, width, height, 0, new NativeLong(0),
                new NativeLong(0x808080));
        xlib.XSelectInput(display, window,
                new NativeLong(TestXlib.BUTTON_PRESS_MASK | TestXlib.BUTTON_RELEASE_MASK));
        drawing.XMapWindow(display, window);
        xlib.XSync(display, 0);
        return window;
    }

    /** Gives a window the cursor font's crosshair: the pointer takes that shape over it. */
    void crosshairCursor(NativeLong window) {
        drawing.XDefineCursor(display, window, drawing.XCreateFontCursor(display, TestXlib.XC_CROSSHAIR));
        xlib.XSync(display, 0);
    }

    void destroy(NativeLong window) {
        drawing.XDestroyWindow(display, window);
        xlib.XSync(display, 0);
    }

    /** The button events received so far; waits a little for stragglers. */
    List<ButtonEvent> buttonEvents(int expected) {
        List<ButtonEvent> events = new ArrayList<>();
        await(expected + " button events", () -> {
            while (xlib.XPending(display) > 0) {
                xlib.XNextEvent(display, event);
                int type = event.getInt(0);
                if (type == TestXlib.BUTTON_PRESS || type == TestXlib.BUTTON_RELEASE) {
                    // XButtonEvent: button follows type, serial, send_event, display, window, root, subwindow, time,
                    // x, y, x_root, y_root and state.
                    int buttonOffset = 8 * NativeLong.SIZE + 5 * 4;
                    events.add(new ButtonEvent(event.getInt(buttonOffset), type == TestXlib.BUTTON_PRESS));
                }
            }
            return events.size() >= expected;
        });
        return events;
    }

    /** Pointer x, y, the top-level window under it (0 for none) and the buttons down as an RFB mask. */
    long[] pointer() {
        IntByReference x = new IntByReference();
        IntByReference y = new IntByReference();
        IntByReference mask = new IntByReference();
        NativeLongByReference child = new NativeLongByReference();
        xlib.XQueryPointer(display, root, new NativeLongByReference(), child, x, y, new IntByReference(),
                new IntByReference(), mask);
        return new long[]{x.getValue(), y.getValue(), child.getValue().longValue(),
                (mask.getValue() >> 8) & 0b111};
    }

    boolean anyKeyDown() {
        byte[] keys = new byte[32];
        xlib.XQueryKeymap(display, keys);
        for (byte key : keys) {
            if (key != 0) {
                return true;
            }
        }
        return false;
    }

    /** The first key code whose first column is {@code keysym}, read fresh from the server; 0 if none. */
    int keycodeOf(int keysym) {
        IntByReference min = new IntByReference();
        IntByReference max = new IntByReference();
        xlib.XDisplayKeycodes(display, min, max);
        IntByReference perKeycode = new IntByReference();
        int count = max.getValue() - min.getValue() + 1;
        Pointer keysyms = xlib.XGetKeyboardMapping(display, min.getValue(), count, perKeycode);
        try {
            for (int i = 0; i < count; i++) {
                if (keysyms.getNativeLong((long) i * perKeycode.getValue() * NativeLong.SIZE).longValue() == keysym) {
                    return min.getValue() + i;
                }
            }
            return 0;
        } finally {
            xlib.XFree(keysyms);
        }
    }

    /** Moves the pointer as the local user would: through XTEST on this connection, not the sink's. */
    void userMoves(int x, int y) {
        test.XTestFakeMotionEvent(display, -1, x, y, XTest.NOW);
        xlib.XSync(display, 0);
    }

    void userKey(int keysym, boolean down) {
        test.XTestFakeKeyEvent(display, keycodeOf(keysym), down ? 1 : 0, XTest.NOW);
        xlib.XSync(display, 0);
    }

    @Override
    public void close() {
        xlib.XCloseDisplay(display);
    }

    /** Polls {@code condition} for up to five seconds. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting for " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted waiting for " + what);
            }
        }
    }
}
