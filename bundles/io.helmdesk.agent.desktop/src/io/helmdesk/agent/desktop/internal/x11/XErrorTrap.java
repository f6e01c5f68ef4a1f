package io.helmdesk.agent.desktop.internal.x11;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.jna.CallbackReference;
import com.sun.jna.Function;
import com.sun.jna.Pointer;

/**
 * Keeps X errors of this bundle's connections from ending the process. Xlib's default handlers print and call exit():
 * for a protocol error, and for a broken connection (the server ended, the user logged out) — the latter even where a
 * per-display exit handler is set, as the default I/O error handler never returns to let it run. Xlib has exactly one
 * handler of each kind per process, so this trap is process-wide as well: installed when the first connection
 * registers, it records errors of registered connections on them, hands those of other connections (the agent's SWT
 * window) to the handler that was there before, and is taken out when the last connection closes, unless another
 * handler was installed on top of it meanwhile.
 */
final class XErrorTrap {

    private static final Map<Long, XConnection> CONNECTIONS = new ConcurrentHashMap<>();
    private static Xlib installedIn;
    /** Held while Xlib may call them: a collected JNA callback would crash the process. */
    private static Xlib.ErrorHandler errorHandler;
    private static Xlib.IOErrorHandler ioErrorHandler;
    private static volatile Pointer previousErrorHandler;
    private static volatile Pointer previousIOErrorHandler;

    private XErrorTrap() {
    }

    static synchronized void register(Xlib xlib, XConnection connection) {
        CONNECTIONS.put(Pointer.nativeValue(connection.display()), connection);
        if (installedIn == null) {
            errorHandler = XErrorTrap::protocolError;
            ioErrorHandler = XErrorTrap::connectionBroken;
            previousErrorHandler = xlib.XSetErrorHandler(errorHandler);
            previousIOErrorHandler = xlib.XSetIOErrorHandler(ioErrorHandler);
            installedIn = xlib;
        }
    }

    static synchronized void unregister(XConnection connection) {
        CONNECTIONS.remove(Pointer.nativeValue(connection.display()));
        if (!CONNECTIONS.isEmpty() || installedIn == null) {
            return;
        }
        Pointer currentError = installedIn.XSetErrorHandler(previousErrorHandler);
        Pointer currentIOError = installedIn.XSetIOErrorHandler(previousIOErrorHandler);
        if (!currentError.equals(CallbackReference.getFunctionPointer(errorHandler))
                || !currentIOError.equals(CallbackReference.getFunctionPointer(ioErrorHandler))) {
            // Someone installed handlers after ours, which may chain to ours: put theirs back, keep ours alive.
            installedIn.XSetErrorHandler(currentError);
            installedIn.XSetIOErrorHandler(currentIOError);
            return;
        }
        installedIn = null;
        errorHandler = null;
        ioErrorHandler = null;
    }

    private static int protocolError(Pointer display, Pointer errorEvent) {
        XConnection connection = CONNECTIONS.get(Pointer.nativeValue(display));
        if (connection != null) {
            connection.recordError(new Xlib.XErrorEvent(errorEvent));
            return 0;
        }
        return Function.getFunction(previousErrorHandler).invokeInt(new Object[]{display, errorEvent});
    }

    private static int connectionBroken(Pointer display) {
        XConnection connection = CONNECTIONS.get(Pointer.nativeValue(display));
        if (connection != null) {
            connection.markLost(); // returning lets Xlib go on to the connection's exit handler, which returns too
            return 0;
        }
        return Function.getFunction(previousIOErrorHandler).invokeInt(new Object[]{display});
    }
}
