package io.helmdesk.agent.desktop.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * What a session's sink injected, in order, so that a polling monitor can tell the local user's input from it
 * without guessing at delays. The sink records each change before sending it and calls {@link #applied()} once the
 * desktop has handled what it sent (X11: after XSync). The monitor takes a {@link #timestamp()} just before it queries
 * the desktop's state; the state it then sees can only be the sink's last change applied before that timestamp, or one
 * of the changes applied (or still pending) after it — anything else is the local user's doing. Thread-safe: the sink
 * records on its thread, the monitor asks on its own.
 */
public final class InjectedInput {

    private static final int HISTORY = 64;
    private static final long PENDING = Long.MAX_VALUE;
    private static final long DOWN = 1;
    private static final long UP = 0;

    /** One change the sink made; {@code appliedAt} is {@link #PENDING} until the desktop has handled it. */
    private static final class Change {

        final long value;
        long appliedAt = PENDING;

        Change(long value) {
            this.value = value;
        }
    }

    private final LongSupplier nanoClock;
    private final Deque<Change> pointer = new ArrayDeque<>();
    private final Deque<Change> buttons = new ArrayDeque<>();
    private final Map<Integer, Deque<Change>> keys = new HashMap<>();
    private final List<Change> pending = new ArrayList<>();

    public InjectedInput() {
        this(System::nanoTime);
    }

    InjectedInput(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public synchronized void pointerMoved(int x, int y) {
        record(pointer, position(x, y));
    }

    public synchronized void buttonsChanged(int mask) {
        record(buttons, mask);
    }

    /** @param code the platform's code for the key (an X11 keycode) */
    public synchronized void keyPressed(int code) {
        record(keys.computeIfAbsent(code, key -> new ArrayDeque<>()), DOWN);
    }

    public synchronized void keyReleased(int code) {
        record(keys.computeIfAbsent(code, key -> new ArrayDeque<>()), UP);
    }

    /** The desktop has handled every change recorded so far. */
    public synchronized void applied() {
        long now = nanoClock.getAsLong();
        for (Change change : pending) {
            change.appliedAt = now;
        }
        pending.clear();
    }

    /** Take this just before querying the desktop's state, and pass it to the {@code explains} methods. */
    public long timestamp() {
        return nanoClock.getAsLong();
    }

    /** Whether the pointer being at ({@code x}, {@code y}) in a query started at {@code queriedAt} is the sink's doing. */
    public synchronized boolean explainsPointer(int x, int y, long queriedAt) {
        return explains(pointer, position(x, y), queriedAt);
    }

    /** Whether the buttons being {@code mask} in a query started at {@code queriedAt} is the sink's doing. */
    public synchronized boolean explainsButtons(int mask, long queriedAt) {
        return explains(buttons, mask, queriedAt);
    }

    /** Whether key {@code code} being down in a query started at {@code queriedAt} is the sink's doing. */
    public synchronized boolean explainsKeyDown(int code, long queriedAt) {
        Deque<Change> history = keys.get(code);
        return history != null && explains(history, DOWN, queriedAt);
    }

    private static boolean explains(Deque<Change> history, long value, long queriedAt) {
        Change stateWhenQueried = null;
        for (Change change : history) {
            if (change.appliedAt <= queriedAt) {
                stateWhenQueried = change; // handled before the query: only the last of these can still show
            } else if (change.value == value) {
                return true; // handled after the query started, or not yet: it may or may not show
            }
        }
        return stateWhenQueried != null && stateWhenQueried.value == value;
    }

    private void record(Deque<Change> history, long value) {
        if (history.size() >= HISTORY) {
            history.removeFirst();
        }
        Change change = new Change(value);
        history.addLast(change);
        pending.add(change);
    }

    private static long position(int x, int y) {
        return (long) x << 32 | (y & 0xFFFFFFFFL);
    }
}
