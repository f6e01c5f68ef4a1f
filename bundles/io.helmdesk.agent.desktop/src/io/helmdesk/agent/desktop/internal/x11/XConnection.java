package io.helmdesk.agent.desktop.internal.x11;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;

import io.helmdesk.agent.desktop.DesktopLostException;
import io.helmdesk.agent.desktop.DesktopUnavailableException;

/**
 * One connection to an X server, owned by one object and used by one thread at a time (its owner serialises calls).
 * Separate connections instead of one shared under XInitThreads: the capture, the sink and the monitor never wait for
 * each other, and nothing depends on XInitThreads having been the process's first Xlib call, which the agent cannot
 * promise (SWT may have opened a display before). Protocol errors are recorded here ({@link XErrorTrap}) and a broken
 * connection marks itself lost instead of letting Xlib exit the process.
 */
final class XConnection implements AutoCloseable {

    /** An X protocol error reported for a request of this connection. */
    record XError(int code, int request, int minor, String text) {
    }

    private final Xlib xlib;
    private final Pointer display;
    private final String name;
    private final int screen;
    private final NativeLong root;
    /** Replaces Xlib's exit() after a broken connection; kept referenced while Xlib may call it. */
    private final Xlib.IOErrorExitHandler lostHandler;
    private final Memory event = new Memory(Xlib.EVENT_SIZE);
    private volatile XError lastError;
    private volatile boolean lost;
    private boolean closed;

    private XConnection(Xlib xlib, Pointer display, String name) {
        this.xlib = xlib;
        this.display = display;
        this.name = name;
        this.screen = xlib.XDefaultScreen(display);
        this.root = xlib.XRootWindow(display, screen);
        this.lostHandler = (brokenDisplay, userData) -> markLost();
        try {
            xlib.XSetIOErrorExitHandler(display, lostHandler, null);
        } catch (UnsatisfiedLinkError e) {
            // libX11 before 1.7 (2020) exits the process after a broken connection whatever the handlers do.
        }
        XErrorTrap.register(xlib, this);
    }

    static XConnection open(Xlib xlib, String displayName) throws DesktopUnavailableException {
        Pointer display = xlib.XOpenDisplay(displayName);
        if (display == null) {
            throw new DesktopUnavailableException("cannot open X display " + displayName
                    + " (is the X server running, and may this user connect to it? see xhost and XAUTHORITY)");
        }
        return new XConnection(xlib, display, displayName);
    }

    Xlib xlib() {
        return xlib;
    }

    Pointer display() {
        return display;
    }

    String name() {
        return name;
    }

    int screen() {
        return screen;
    }

    NativeLong root() {
        return root;
    }

    /** Throws if the connection broke; call before using it, so no request goes out on a dead connection. */
    void checkAlive() {
        if (lost) {
            throw new DesktopLostException("the connection to X display " + name + " was lost");
        }
    }

    /** Clears the recorded error, before requests whose errors the caller checks with {@link #takeError()}. */
    void clearError() {
        lastError = null;
    }

    /** Waits until the server has handled every request sent, then returns and clears the error they caused. */
    XError syncAndTakeError() {
        xlib.XSync(display, 0);
        checkAlive();
        return takeError();
    }

    XError takeError() {
        XError error = lastError;
        lastError = null;
        return error;
    }

    void markLost() {
        lost = true;
    }

    void recordError(Xlib.XErrorEvent event) {
        byte[] text = new byte[160];
        xlib.XGetErrorText(display, event.error_code & 0xff, text, text.length);
        int length = 0;
        while (length < text.length && text[length] != 0) {
            length++;
        }
        lastError = new XError(event.error_code & 0xff, event.request_code & 0xff, event.minor_code & 0xff,
                new String(text, 0, length, StandardCharsets.ISO_8859_1));
    }

    /** The root window's size as the server has it now (Xlib's cached screen size is not updated on RandR changes). */
    int[] rootSize() {
        IntByReference width = new IntByReference();
        IntByReference height = new IntByReference();
        xlib.XGetGeometry(display, root, new NativeLongByReference(), new IntByReference(), new IntByReference(),
                width, height, new IntByReference(), new IntByReference());
        checkAlive();
        return new int[]{width.getValue(), height.getValue()};
    }

    /** Sends what is buffered and takes every queued event, handing each to {@code handler}; returns how many. */
    int drainEvents(EventHandler handler) {
        int count = 0;
        while (!lost && xlib.XPending(display) > 0) {
            xlib.XNextEvent(display, event);
            handler.handle(event, event.getInt(0));
            count++;
        }
        checkAlive();
        return count;
    }

    interface EventHandler {

        /** @param event valid only during the call */
        void handle(Pointer event, int type);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        XErrorTrap.unregister(this);
        // After an I/O error Xlib has shut the connection down already; closing tears down only client state.
        xlib.XCloseDisplay(display);
    }
}
