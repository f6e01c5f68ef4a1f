package io.helmdesk.agent.desktop.internal.x11;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

import io.helmdesk.agent.desktop.Region;

/**
 * What was drawn on the root window (its children included) since the last {@link #take}, from the DAMAGE extension:
 * the server accumulates the region and reports only that it became non-empty (the capture drops those events with the
 * others it takes), and each capture moves the region into an XFixes region and reads its rectangles — one round trip
 * whatever the drawing rate.
 */
final class DamageTracker implements AutoCloseable {

    private static final NativeLong NONE = new NativeLong(0);
    /** {@code XRectangle}: short x, y; unsigned short width, height. */
    private static final int RECTANGLE_SIZE = 8;

    private final XConnection connection;
    private final XDamage damage;
    private final XFixes fixes;
    private final NativeLong damageHandle;
    private final NativeLong region;
    private final int notifyEvent;

    private DamageTracker(XConnection connection, XDamage damage, XFixes fixes, NativeLong damageHandle,
            NativeLong region, int notifyEvent) {
        this.notifyEvent = notifyEvent;
        this.connection = connection;
        this.damage = damage;
        this.fixes = fixes;
        this.damageHandle = damageHandle;
        this.region = region;
    }

    /**
     * @param fixesVersion the XFixes version announced on this connection (regions need 2)
     * @return empty without the DAMAGE extension or XFixes regions
     */
    static Optional<DamageTracker> create(XConnection connection, Optional<XDamage> library, Optional<XFixes> fixes,
            int fixesVersion) {
        if (library.isEmpty() || fixes.isEmpty() || fixesVersion < 2) {
            return Optional.empty();
        }
        XDamage damage = library.get();
        Pointer display = connection.display();
        // Announcing a version is part of the protocol: the server refuses other requests before it.
        IntByReference eventBase = new IntByReference();
        if (damage.XDamageQueryExtension(display, eventBase, new IntByReference()) == 0
                || damage.XDamageQueryVersion(display, new IntByReference(), new IntByReference()) == 0) {
            return Optional.empty();
        }
        connection.clearError();
        NativeLong handle = damage.XDamageCreate(display, connection.root(), XDamage.REPORT_NON_EMPTY);
        NativeLong region = fixes.get().XFixesCreateRegion(display, null, 0);
        DamageTracker tracker = new DamageTracker(connection, damage, fixes.get(), handle, region,
                eventBase.getValue() + XDamage.NOTIFY);
        if (connection.syncAndTakeError() != null) {
            tracker.close();
            connection.syncAndTakeError(); // freeing what failed to be created fails too: nothing to report
            return Optional.empty();
        }
        return Optional.of(tracker);
    }

    /**
     * The type of the event the server sends when something is drawn while the damage is empty (after a
     * {@link #take}): without one since the last take there is nothing to take.
     */
    int notifyEvent() {
        return notifyEvent;
    }

    /** Takes the damage accumulated since the previous call, clipped to the screen; empty if nothing was drawn. */
    List<Region> take(int width, int height) {
        Pointer display = connection.display();
        damage.XDamageSubtract(display, damageHandle, NONE, region);
        IntByReference count = new IntByReference();
        Pointer rectangles = fixes.XFixesFetchRegion(display, region, count);
        connection.checkAlive();
        if (rectangles == null) {
            return List.of();
        }
        try {
            List<Region> regions = new ArrayList<>(count.getValue());
            for (int i = 0; i < count.getValue(); i++) {
                long offset = (long) i * RECTANGLE_SIZE;
                int x = Math.max(0, rectangles.getShort(offset));
                int y = Math.max(0, rectangles.getShort(offset + 2));
                int right = Math.min(width, rectangles.getShort(offset) + (rectangles.getShort(offset + 4) & 0xFFFF));
                int bottom = Math.min(height,
                        rectangles.getShort(offset + 2) + (rectangles.getShort(offset + 6) & 0xFFFF));
                if (right > x && bottom > y) {
                    regions.add(new Region(x, y, right - x, bottom - y));
                }
            }
            return regions;
        } finally {
            connection.xlib().XFree(rectangles);
        }
    }

    @Override
    public void close() {
        damage.XDamageDestroy(connection.display(), damageHandle);
        fixes.XFixesDestroyRegion(connection.display(), region);
    }
}
