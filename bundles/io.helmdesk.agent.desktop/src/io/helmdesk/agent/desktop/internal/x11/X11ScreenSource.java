package io.helmdesk.agent.desktop.internal.x11;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.NativeLongByReference;

import io.helmdesk.agent.desktop.CursorImage;
import io.helmdesk.agent.desktop.DesktopLostException;
import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.Monitor;
import io.helmdesk.agent.desktop.Region;
import io.helmdesk.agent.desktop.ScreenFrame;
import io.helmdesk.agent.desktop.ScreenSource;
import io.helmdesk.agent.desktop.internal.Argb;

/**
 * Captures an X display's root window (every monitor of the screen) on a connection of its own: into shared memory
 * where the server allows it, else through the protocol; damage from DAMAGE, the cursor from XFixes, monitors from
 * RandR 1.5. A resize shows as a ConfigureNotify of the root window, which the next capture picks up to take a buffer
 * of the new size. Methods are synchronized: the connection is used by one thread at a time.
 */
final class X11ScreenSource implements ScreenSource {

    private final XConnection connection;
    private final X11Libraries libraries;
    private final Optional<DamageTracker> damage;
    private final boolean cursorAvailable;
    /** The type of XFIXES' cursor-shape event, -1 without it. */
    private final int cursorNotifyEvent;
    /** The shape changed since {@link #lastCursor} was read (or none was): read the image again. */
    private boolean cursorChanged = true;
    private CursorImage lastCursor;
    private final NativeLongByReference pointerRoot = new NativeLongByReference();
    private final NativeLongByReference pointerChild = new NativeLongByReference();
    private final IntByReference pointerX = new IntByReference();
    private final IntByReference pointerY = new IntByReference();
    private final IntByReference pointerWindowX = new IntByReference();
    private final IntByReference pointerWindowY = new IntByReference();
    private final IntByReference pointerMask = new IntByReference();
    private final boolean monitorsAvailable;
    private ScreenImage image;
    private int width;
    private int height;
    private boolean resizedSinceCapture = true;
    private long imageReads;
    private boolean rootReconfigured;
    /** A damage event came since the last take (the first capture takes anyway: the frame is new). */
    private boolean drawnSinceTake;
    private boolean closed;
    /** The {@code struct pollfd} of {@link #awaitChange}, used by the capturing thread only. */
    private final Memory pollDescriptor = new Memory(LibC.POLLFD_SIZE);

    private X11ScreenSource(XConnection connection, X11Libraries libraries, Optional<DamageTracker> damage,
            boolean cursorAvailable, int cursorNotifyEvent, boolean monitorsAvailable) {
        this.connection = connection;
        this.libraries = libraries;
        this.damage = damage;
        this.cursorAvailable = cursorAvailable;
        this.cursorNotifyEvent = cursorNotifyEvent;
        this.monitorsAvailable = monitorsAvailable;
    }

    static X11ScreenSource open(X11Libraries libraries, String displayName) throws DesktopUnavailableException {
        XConnection connection = XConnection.open(libraries.xlib(), displayName);
        boolean opened = false;
        try {
            Pointer display = connection.display();
            int fixesVersion = libraries.fixes().map(fixes -> fixesVersion(fixes, display)).orElse(0);
            int cursorNotifyEvent = -1;
            if (fixesVersion >= 1) {
                // The cursor's image is read again only when its shape changed; its position is a cheap query.
                IntByReference eventBase = new IntByReference();
                XFixes fixes = libraries.fixes().orElseThrow();
                fixes.XFixesQueryExtension(display, eventBase, new IntByReference());
                fixes.XFixesSelectCursorInput(display, connection.root(),
                        new NativeLong(XFixes.DISPLAY_CURSOR_NOTIFY_MASK));
                cursorNotifyEvent = eventBase.getValue() + XFixes.CURSOR_NOTIFY;
            }
            X11ScreenSource source = new X11ScreenSource(connection, libraries,
                    DamageTracker.create(connection, libraries.damage(), libraries.fixes(), fixesVersion),
                    fixesVersion >= 1, cursorNotifyEvent, randrHasMonitors(libraries, display));
            libraries.xlib().XSelectInput(display, connection.root(), new NativeLong(Xlib.STRUCTURE_NOTIFY_MASK));
            source.allocate();
            opened = true;
            return source;
        } finally {
            if (!opened) {
                connection.close(); // the server frees the damage and region with the connection
            }
        }
    }

    private static int fixesVersion(XFixes fixes, Pointer display) {
        IntByReference major = new IntByReference();
        if (fixes.XFixesQueryExtension(display, new IntByReference(), new IntByReference()) == 0
                || fixes.XFixesQueryVersion(display, major, new IntByReference()) == 0) {
            return 0;
        }
        return major.getValue();
    }

    private static boolean randrHasMonitors(X11Libraries libraries, Pointer display) {
        return libraries.randr().map(randr -> {
            IntByReference major = new IntByReference();
            IntByReference minor = new IntByReference();
            return randr.XRRQueryExtension(display, new IntByReference(), new IntByReference()) != 0
                    && randr.XRRQueryVersion(display, major, minor) != 0
                    && (major.getValue() > 1 || major.getValue() == 1 && minor.getValue() >= 5);
        }).orElse(false);
    }

    /** The extensions in use, for the session's description. */
    synchronized String features() {
        StringJoiner features = new StringJoiner(", ");
        features.add(image.transport());
        damage.ifPresent(tracker -> features.add("DAMAGE"));
        if (cursorAvailable) {
            features.add("XFIXES cursor");
        }
        if (monitorsAvailable) {
            features.add("RANDR monitors");
        }
        return features.toString();
    }

    private void allocate() throws DesktopUnavailableException {
        int[] size = connection.rootSize();
        if (image != null) {
            image.close();
            image = null;
        }
        width = size[0];
        height = size[1];
        Optional<SharedMemoryImage> shared = SharedMemoryImage.create(connection, libraries, width, height);
        image = shared.isPresent() ? shared.get() : TransferredImage.create(connection, width, height);
    }

    @Override
    public synchronized List<Monitor> monitors() {
        checkOpen();
        List<Monitor> monitors = monitorsAvailable ? randrMonitors() : List.of();
        return monitors.isEmpty()
                ? List.of(new Monitor(0, 0, 0, width, height, true, "screen " + connection.screen()))
                : monitors;
    }

    private List<Monitor> randrMonitors() {
        XRandr randr = libraries.randr().orElseThrow();
        Xlib xlib = connection.xlib();
        IntByReference count = new IntByReference();
        Pointer infos = randr.XRRGetMonitors(connection.display(), connection.root(), 1, count);
        connection.checkAlive();
        if (infos == null) {
            return List.of();
        }
        try {
            int size = new XRandr.MonitorInfo().size();
            List<Monitor> monitors = new ArrayList<>(count.getValue());
            for (int i = 0; i < count.getValue(); i++) {
                XRandr.MonitorInfo info = new XRandr.MonitorInfo(infos.share((long) i * size));
                Pointer atomName = xlib.XGetAtomName(connection.display(), info.name);
                String name = atomName == null ? "monitor " + i : atomName.getString(0, StandardCharsets.UTF_8.name());
                if (atomName != null) {
                    xlib.XFree(atomName);
                }
                monitors.add(new Monitor(i, info.x, info.y, info.width, info.height, info.primary != 0, name));
            }
            if (!monitors.isEmpty() && monitors.stream().noneMatch(Monitor::primary)) {
                // No output is marked primary (the server's default): desktops then treat the first one so.
                Monitor first = monitors.get(0);
                monitors.set(0, new Monitor(0, first.x(), first.y(), first.width(), first.height(), true,
                        first.name()));
            }
            return monitors;
        } finally {
            randr.XRRFreeMonitors(infos);
        }
    }

    @Override
    public synchronized int width() {
        return width;
    }

    @Override
    public synchronized int height() {
        return height;
    }

    @Override
    public synchronized ScreenFrame capture() {
        checkOpen();
        connection.checkAlive();
        takeEvents();
        if (rootReconfigured) {
            rootReconfigured = false;
            int[] size = connection.rootSize();
            if (size[0] != width || size[1] != height) {
                reallocate();
            }
        }
        // Damage first: what is drawn while the image is read shows in this frame and again in the next, never in none.
        // Without a damage event since the last take nothing was drawn, and the round trip is saved.
        List<Region> damaged = null;
        if (damage.isPresent()) {
            damaged = drawnSinceTake || resizedSinceCapture ? damage.get().take(width, height) : List.of();
            drawnSinceTake = false;
        }
        if (damaged != null && damaged.isEmpty() && !resizedSinceCapture) {
            // Nothing drawn: the image still holds the screen. Reading it anyway cost the X server a 8 MB copy per
            // poll at 1080p (a fifth of a core while the agent sat idle in a session).
            return new ScreenFrame(width, height, image.stride(), image.pixels(), List.of(), false);
        }
        connection.clearError();
        imageReads++;
        if (!image.fill()) {
            XConnection.XError error = connection.takeError();
            connection.checkAlive();
            // The screen changed size between the check and the read: read its size again, once.
            reallocate();
            if (!image.fill()) {
                throw new DesktopLostException("cannot read X display " + connection.name()
                        + (error == null ? "" : ": " + error.text()));
            }
        }
        boolean resized = resizedSinceCapture;
        resizedSinceCapture = false;
        List<Region> changed = resized || damaged == null ? List.of(new Region(0, 0, width, height)) : damaged;
        return new ScreenFrame(width, height, image.stride(), image.pixels(), changed, resized);
    }

    /**
     * With DAMAGE, waits on the X connection: the server sends an event as soon as something is drawn after the last
     * capture took the damage, and the wait ends then (poll(2) on the connection, outside the lock, so the wait holds
     * nothing up). Without it, sleeps.
     */
    @Override
    public void awaitChange(long timeoutNanos) {
        int descriptor;
        synchronized (this) {
            checkOpen();
            connection.checkAlive();
            if (damage.isEmpty()) {
                descriptor = -1;
            } else if (drawnSinceTake || rootReconfigured || connection.xlib().XPending(connection.display()) > 0) {
                // Something was drawn: noted already (the pointer's look read the events), or an event came in with
                // an earlier reply. The server sends no second DamageNotify before the next capture takes the damage.
                return;
            } else {
                descriptor = connection.xlib().XConnectionNumber(connection.display());
            }
        }
        if (descriptor < 0) {
            ScreenSource.super.awaitChange(timeoutNanos);
            return;
        }
        pollDescriptor.setInt(0, descriptor);
        pollDescriptor.setShort(4, LibC.POLLIN);
        pollDescriptor.setShort(6, (short) 0);
        int millis = (int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
        libraries.libc().poll(pollDescriptor, new NativeLong(1), millis);
    }

    /** Notes what the events since the last look say: the root resized, something drawn, the cursor's shape changed. */
    private void takeEvents() {
        int damageNotify = damage.map(DamageTracker::notifyEvent).orElse(-1);
        connection.drainEvents((event, type) -> {
            rootReconfigured |= type == Xlib.CONFIGURE_NOTIFY;
            drawnSinceTake |= type == damageNotify;
            cursorChanged |= type == cursorNotifyEvent;
        });
    }

    /** How many times the screen's image was read from the X server (captures without damage read nothing). */
    synchronized long imageReads() {
        return imageReads;
    }

    private void reallocate() {
        try {
            allocate();
        } catch (DesktopUnavailableException e) {
            throw new DesktopLostException(e.getMessage());
        }
        resizedSinceCapture = true;
    }

    @Override
    public synchronized Optional<CursorImage> cursor() {
        checkOpen();
        connection.checkAlive();
        if (!cursorAvailable) {
            return Optional.empty();
        }
        takeEvents();
        if (!cursorChanged && lastCursor != null) {
            connection.xlib().XQueryPointer(connection.display(), connection.root(), pointerRoot, pointerChild,
                    pointerX, pointerY, pointerWindowX, pointerWindowY, pointerMask);
            connection.checkAlive();
            CursorImage last = lastCursor;
            if (pointerX.getValue() != last.x() || pointerY.getValue() != last.y()) {
                lastCursor = new CursorImage(last.serial(), pointerX.getValue(), pointerY.getValue(), last.hotX(),
                        last.hotY(), last.width(), last.height(), last.argb());
            }
            return Optional.of(lastCursor);
        }
        cursorChanged = false; // a change from now on is seen at the next call
        XFixes fixes = libraries.fixes().orElseThrow();
        Pointer shape = fixes.XFixesGetCursorImage(connection.display());
        connection.checkAlive();
        if (shape == null) {
            return Optional.empty();
        }
        try {
            XFixes.CursorImage cursor = new XFixes.CursorImage(shape);
            int cursorWidth = cursor.width & 0xFFFF;
            int cursorHeight = cursor.height & 0xFFFF;
            int[] argb = new int[cursorWidth * cursorHeight];
            for (int i = 0; i < argb.length; i++) {
                // Each pixel is an unsigned long holding 32 bits of premultiplied ARGB.
                argb[i] = Argb.unpremultiply((int) cursor.pixels.getNativeLong((long) i * NativeLong.SIZE).longValue());
            }
            lastCursor = new CursorImage(cursor.cursor_serial.longValue(), cursor.x, cursor.y, cursor.xhot & 0xFFFF,
                    cursor.yhot & 0xFFFF, cursorWidth, cursorHeight, argb);
            return Optional.of(lastCursor);
        } finally {
            connection.xlib().XFree(shape);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the screen source is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (image != null) {
            image.close();
        }
        damage.ifPresent(DamageTracker::close);
        connection.close();
    }
}
