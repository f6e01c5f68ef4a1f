package io.helmdesk.screen.internal;

import java.util.Arrays;

/**
 * A hash map from long to int without boxing, for the hashes of pixel rows and the votes of motion detection: many
 * thousand operations a frame. One key value marks empty slots; a key that happens to equal it shares a slot with its
 * neighbour value, a collision like any other hash collision (callers verify what a hash suggests).
 */
final class LongIntMap {

    static final long RESERVED = Long.MIN_VALUE;

    private long[] keys;

    private int[] values;

    private int size;

    LongIntMap(int expectedEntries) {
        allocate(capacityFor(expectedEntries));
    }

    /** Empties the map, sized for about {@code expectedEntries}. */
    void clear(int expectedEntries) {
        int capacity = capacityFor(expectedEntries);
        if (capacity > keys.length) {
            allocate(capacity);
        } else {
            Arrays.fill(keys, RESERVED);
        }
        size = 0;
    }

    int size() {
        return size;
    }

    int get(long key, int missing) {
        key = key == RESERVED ? RESERVED + 1 : key;
        int mask = keys.length - 1;
        for (int slot = slot(key, mask);; slot = (slot + 1) & mask) {
            long stored = keys[slot];
            if (stored == key) {
                return values[slot];
            }
            if (stored == RESERVED) {
                return missing;
            }
        }
    }

    /** Adds one to the key's value (absent keys count as 0) and returns the new value. */
    int increment(long key) {
        // find may grow the arrays: read values only after it.
        int slot = find(key, 0);
        return ++values[slot];
    }

    /** Stores the value if the key is new; a key seen twice gets {@code duplicate} instead. */
    void putUnique(long key, int value, int duplicate) {
        int before = size;
        int slot = find(key, value);
        if (size == before) {
            values[slot] = duplicate;
        }
    }

    /** Slots, for iteration with {@link #occupied}, {@link #keyAt} and {@link #valueAt}. */
    int capacity() {
        return keys.length;
    }

    boolean occupied(int slot) {
        return keys[slot] != RESERVED;
    }

    long keyAt(int slot) {
        return keys[slot];
    }

    int valueAt(int slot) {
        return values[slot];
    }

    /** The key's slot, inserting it with {@code initial} if absent. */
    private int find(long key, int initial) {
        key = key == RESERVED ? RESERVED + 1 : key;
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        for (int slot = slot(key, mask);; slot = (slot + 1) & mask) {
            long stored = keys[slot];
            if (stored == key) {
                return slot;
            }
            if (stored == RESERVED) {
                keys[slot] = key;
                values[slot] = initial;
                size++;
                return slot;
            }
        }
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        allocate(keys.length * 2);
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != RESERVED) {
                int slot = slot(oldKeys[i], mask);
                while (keys[slot] != RESERVED) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, RESERVED);
    }

    private static int capacityFor(int entries) {
        return Integer.highestOneBit(Math.max(8, entries) * 2 - 1) << 1;
    }

    private static int slot(long key, int mask) {
        long mixed = key * 0x9E3779B97F4A7C15L;
        return (int) (mixed ^ mixed >>> 32) & mask;
    }
}
