package io.helmdesk.console.app.internal.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.widgets.Event;

/**
 * The operator's keys on the remote computer: each press and release as its keysym ({@link KeySymbols}). A release
 * sends the keysym its press sent, even when the modifiers changed meanwhile (Shift+A pressed, Shift let go, then the
 * A key): otherwise the remote computer would keep a key down. What is held is released when the window loses the
 * keyboard, since the releases then go to another window.
 */
final class KeyboardInput {

    /** Where the keys go: the session, or a test's list. */
    @FunctionalInterface
    interface KeySink {

        void key(int keysym, boolean down);
    }

    private final KeySink sink;
    /** Physical key (SWT key code and location) → the keysym its press sent, in the order pressed. */
    private final Map<Long, Integer> held = new LinkedHashMap<>();

    KeyboardInput(KeySink sink) {
        this.sink = sink;
    }

    /** A {@code KeyDown} of the screen's canvas. */
    void pressed(Event event) {
        int keysym = KeySymbols.of(event);
        if (keysym == 0) {
            return;
        }
        if (event.keyCode == 0) {
            // Text an input method composed (dead keys, compose): no key stays down and no release will come.
            sink.key(keysym, true);
            sink.key(keysym, false);
            return;
        }
        Integer earlier = held.put(physicalKey(event), keysym);
        if (earlier != null && earlier != keysym) {
            sink.key(earlier, false);
        }
        // A key held down repeats as further presses, as the operator's own system repeats it.
        sink.key(keysym, true);
    }

    /** A {@code KeyUp} of the screen's canvas. */
    void released(Event event) {
        Integer keysym = held.remove(physicalKey(event));
        // A release of a key pressed before the window had the keyboard: never sent down, so not sent up.
        if (keysym != null) {
            sink.key(keysym, false);
        }
    }

    /** Releases every key held, last pressed first. */
    void releaseAll() {
        List<Integer> keys = new ArrayList<>(held.values());
        held.clear();
        for (int i = keys.size() - 1; i >= 0; i--) {
            sink.key(keys.get(i), false);
        }
    }

    /** Presses and releases a combination, e.g. Alt+Tab from the window's menu: the keys in order, then back. */
    void type(int... keysyms) {
        for (int keysym : keysyms) {
            sink.key(keysym, true);
        }
        for (int i = keysyms.length - 1; i >= 0; i--) {
            sink.key(keysyms[i], false);
        }
    }

    /** How many keys are down now. */
    int heldCount() {
        return held.size();
    }

    private static long physicalKey(Event event) {
        return (long) event.keyCode << 8 | (event.keyLocation & 0xff);
    }
}
