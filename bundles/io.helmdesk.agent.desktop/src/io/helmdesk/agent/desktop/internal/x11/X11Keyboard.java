package io.helmdesk.agent.desktop.internal.x11;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;

import io.helmdesk.agent.desktop.internal.KeyRoute;

/**
 * The sink's view of the X keyboard mapping: which key code types a keysym, and spare key codes (with no symbol at
 * all) that it binds to keysyms the layout lacks, as x11vnc does. A binding stays until its key code is needed for
 * another keysym or the sink closes: clients fetch a changed mapping lazily, when they next look a key up, so undoing
 * a binding right after the release could make them read the key as nothing. Used on the sink's thread only.
 */
final class X11Keyboard {

    private static final long NO_SYMBOL = 0;

    private final Logger logger = LoggerFactory.getLogger(X11Keyboard.class);
    private final XConnection connection;
    private final int minKeycode;
    private final int maxKeycode;
    private int keysymsPerKeycode;
    /** Keysyms by key code: {@code (keycode - minKeycode) * keysymsPerKeycode + column}. */
    private long[] mapping;
    private boolean stale = true;
    /** Key codes with no symbol that nobody else uses, found when the sink started. */
    private List<Integer> spareKeycodes;
    /** Keysym to the spare key code bound to it, least recently used first. */
    private final LinkedHashMap<Integer, Integer> bindings = new LinkedHashMap<>(16, 0.75f, true);

    X11Keyboard(XConnection connection) {
        this.connection = connection;
        IntByReference min = new IntByReference();
        IntByReference max = new IntByReference();
        connection.xlib().XDisplayKeycodes(connection.display(), min, max);
        this.minKeycode = min.getValue();
        this.maxKeycode = max.getValue();
    }

    /** The mapping changed (a MappingNotify): read it again before the next look-up. */
    void invalidate() {
        stale = true;
    }

    /**
     * The key code to press for {@code keysym}, binding a spare one if the layout lacks the keysym or has it only on a
     * level the modifiers held do not select ({@link KeyRoute}); 0 if there is none.
     *
     * @param heldKeycodes key codes the sink holds down, which must not be rebound
     */
    int keycodeFor(int keysym, boolean shiftHeld, boolean commandHeld, Set<Integer> heldKeycodes) {
        load();
        Integer bound = bindings.get(keysym);
        if (bound != null) {
            return bound;
        }
        int plain = find(keysym, false);
        int shifted = find(keysym, true);
        if (KeyRoute.choose(plain != 0, shifted != 0, shiftHeld, commandHeld) == KeyRoute.KEY) {
            return (shiftHeld && shifted != 0) || plain == 0 ? shifted : plain;
        }
        int spare = bind(keysym, heldKeycodes);
        if (spare != 0) {
            return spare;
        }
        logger.debug("No spare key code for keysym 0x{}: pressing the layout's key", Integer.toHexString(keysym));
        return plain != 0 ? plain : shifted;
    }

    /** The first key code with {@code keysym} on its unshifted (or shifted) level of the first group, or 0. */
    private int find(int keysym, boolean shifted) {
        for (int keycode = minKeycode; keycode <= maxKeycode; keycode++) {
            if (level(keycode, shifted) == keysym) {
                return keycode;
            }
        }
        return 0;
    }

    /** As XLookupKeysym reads the core mapping: a key with one symbol has it on both levels. */
    private long level(int keycode, boolean shifted) {
        int base = (keycode - minKeycode) * keysymsPerKeycode;
        long plain = mapping[base];
        if (!shifted || keysymsPerKeycode < 2) {
            return plain;
        }
        long upper = mapping[base + 1];
        return upper == NO_SYMBOL ? plain : upper;
    }

    private int bind(int keysym, Set<Integer> heldKeycodes) {
        int keycode = freeSpare();
        if (keycode == 0) {
            keycode = evictLeastRecentlyUsed(heldKeycodes);
        }
        if (keycode == 0) {
            return 0;
        }
        if (!change(keycode, keysym)) {
            return 0;
        }
        bindings.put(keysym, keycode);
        return keycode;
    }

    private int freeSpare() {
        for (int keycode : spareKeycodes) {
            if (!bindings.containsValue(keycode)) {
                return keycode;
            }
        }
        return 0;
    }

    private int evictLeastRecentlyUsed(Set<Integer> heldKeycodes) {
        for (Iterator<Map.Entry<Integer, Integer>> i = bindings.entrySet().iterator(); i.hasNext();) {
            Map.Entry<Integer, Integer> binding = i.next();
            if (!heldKeycodes.contains(binding.getValue())) {
                i.remove();
                return binding.getValue();
            }
        }
        return 0;
    }

    /** Puts {@code keysym} on every column of {@code keycode} (0: none), so modifiers do not change what it types. */
    private boolean change(int keycode, long keysym) {
        NativeLong[] keysyms = new NativeLong[keysymsPerKeycode];
        Arrays.fill(keysyms, new NativeLong(keysym));
        connection.clearError();
        connection.xlib().XChangeKeyboardMapping(connection.display(), keycode, keysymsPerKeycode, keysyms, 1);
        XConnection.XError error = connection.syncAndTakeError();
        if (error != null) {
            logger.debug("Binding key code {} failed: {}", keycode, error.text());
            return false;
        }
        Arrays.fill(mapping, (keycode - minKeycode) * keysymsPerKeycode,
                (keycode - minKeycode + 1) * keysymsPerKeycode, keysym);
        return true;
    }

    /** Gives the bound key codes their emptiness back. */
    void unbindAll() {
        for (int keycode : bindings.values()) {
            change(keycode, NO_SYMBOL);
        }
        bindings.clear();
    }

    private void load() {
        if (!stale) {
            return;
        }
        stale = false;
        IntByReference perKeycode = new IntByReference();
        int count = maxKeycode - minKeycode + 1;
        Pointer keysyms = connection.xlib().XGetKeyboardMapping(connection.display(), minKeycode, count, perKeycode);
        connection.checkAlive();
        keysymsPerKeycode = perKeycode.getValue();
        mapping = new long[count * keysymsPerKeycode];
        try {
            for (int i = 0; i < mapping.length; i++) {
                mapping[i] = keysyms.getNativeLong((long) i * NativeLong.SIZE).longValue();
            }
        } finally {
            connection.xlib().XFree(keysyms);
        }
        // A binding someone else overwrote is no longer ours.
        bindings.entrySet().removeIf(binding -> level(binding.getValue(), false) != binding.getKey());
        if (spareKeycodes == null) {
            spareKeycodes = new ArrayList<>();
            for (int keycode = minKeycode; keycode <= maxKeycode; keycode++) {
                if (empty(keycode)) {
                    spareKeycodes.add(keycode);
                }
            }
        } else {
            spareKeycodes.removeIf(keycode -> !empty(keycode) && !bindings.containsValue(keycode));
        }
    }

    private boolean empty(int keycode) {
        int base = (keycode - minKeycode) * keysymsPerKeycode;
        for (int column = 0; column < keysymsPerKeycode; column++) {
            if (mapping[base + column] != NO_SYMBOL) {
                return false;
            }
        }
        return true;
    }
}
