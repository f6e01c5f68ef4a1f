package io.helmdesk.agent.desktop.internal.awt;

import java.awt.MouseInfo;
import java.awt.Point;
import java.awt.PointerInfo;

import io.helmdesk.agent.desktop.LocalInputListener;
import io.helmdesk.agent.desktop.internal.InjectedInput;
import io.helmdesk.agent.desktop.internal.PollingMonitor;

/**
 * The local-input monitor of the {@code java.awt.Robot} fallback: AWT can read the pointer's position but neither the
 * buttons nor the keyboard outside its own windows, so only local pointer moves are reported (compared with the sink's
 * as on X11) and {@link LocalInputListener#onLocalEscape()} never comes.
 */
final class AwtLocalInputMonitor extends PollingMonitor {

    private final InjectedInput injected;
    private Point previous;

    AwtLocalInputMonitor(InjectedInput injected) {
        super("helmdesk-local-input awt");
        this.injected = injected;
    }

    @Override
    protected void poll(LocalInputListener listener) {
        long queriedAt = injected.timestamp();
        PointerInfo pointer = MouseInfo.getPointerInfo();
        if (pointer == null) {
            return; // on a screen AWT does not know
        }
        Point now = pointer.getLocation();
        if (previous != null && !now.equals(previous) && !injected.explainsPointer(now.x, now.y, queriedAt)) {
            tell(listener::onLocalActivity);
        }
        previous = now;
    }

    @Override
    protected void release() {
        // Nothing native to free.
    }
}
