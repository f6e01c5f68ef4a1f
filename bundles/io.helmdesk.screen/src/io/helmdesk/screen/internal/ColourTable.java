package io.helmdesk.screen.internal;

/** Colour → palette index for up to 256 colours, cleared in constant time. */
final class ColourTable {

    private static final int SLOTS = 1024;

    private final int[] colours = new int[SLOTS];

    private final int[] indices = new int[SLOTS];

    private final int[] generations = new int[SLOTS];

    private int generation = 1;

    void clear() {
        generation++;
        if (generation == Integer.MAX_VALUE) {
            java.util.Arrays.fill(generations, 0);
            generation = 1;
        }
    }

    /** The colour's index, or -1. */
    int indexOf(int colour) {
        for (int slot = slot(colour);; slot = (slot + 1) & (SLOTS - 1)) {
            if (generations[slot] != generation) {
                return -1;
            }
            if (colours[slot] == colour) {
                return indices[slot];
            }
        }
    }

    /** Adds a colour that is not in the table yet; at most 256 are ever added between clears. */
    void add(int colour, int index) {
        int slot = slot(colour);
        while (generations[slot] == generation) {
            slot = (slot + 1) & (SLOTS - 1);
        }
        generations[slot] = generation;
        colours[slot] = colour;
        indices[slot] = index;
    }

    private static int slot(int colour) {
        return (colour * 0x9E3779B1) >>> 22;
    }
}
