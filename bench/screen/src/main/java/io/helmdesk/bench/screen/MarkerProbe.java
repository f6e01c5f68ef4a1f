package io.helmdesk.bench.screen;

import java.util.ArrayList;
import java.util.List;

/**
 * The latency probe shared by the player and the client (same JVM, same {@code System.nanoTime}, which is
 * CLOCK_MONOTONIC on Linux). The player's marker cycles through four grey levels; it records each flip right after
 * {@code XSync} returned (the X server has drawn it). The client reports the level it sees at the marker's centre
 * whenever an update covering that point arrived; a level different from the last one seen is the arrival of the
 * latest flip to that level. Four levels make a cycle of 1 s at 4 flips/s, so a latency up to ~1 s is unambiguous, and
 * a flip whose level was never seen (the next one came first) counts as missed.
 *
 * <p>
 * A flip is registered before it is drawn and timed when {@code XSync} returns: an update can show it before the
 * player's thread gets back from {@code XSync} (the capture, the network and the decoding took less than that round
 * trip and the scheduling around it). Such a flip counts as seen with latency 0 ("early"); registered only after
 * {@code XSync}, it was taken for an older flip of the same level and counted as missed.
 */
final class MarkerProbe {

    /** The marker's grey levels, in the order they are drawn. */
    static final int[] LEVELS = {0x00, 0x55, 0xAA, 0xFF};

    private static final int CAPACITY = 4096;

    private final long[] drawnAt = new long[CAPACITY];
    private final int[] levelOf = new int[CAPACITY];
    private final boolean[] seen = new boolean[CAPACITY];
    private final boolean[] drawn = new boolean[CAPACITY];
    private long flips;
    private long windowFirstFlip;
    private long windowEndFlip = Long.MAX_VALUE;
    private int lastSeenLevel = -1;
    private final List<Long> latencies = new ArrayList<>();
    private long early;

    /** The level index (0-3) nearest to a colour's mean of red, green and blue. */
    static int level(int r, int g, int b) {
        int grey = (r + g + b) / 3;
        return Math.clamp(Math.round(grey / 85f), 0, 3);
    }

    static int level(int rgb) {
        return level((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
    }

    /** The player is about to draw flip number {@link #flips} with this level. */
    synchronized void flipping(int level) {
        int slot = (int) (flips % CAPACITY);
        levelOf[slot] = level;
        seen[slot] = false;
        drawn[slot] = false;
        flips++;
    }

    /** The flip registered last is drawn: {@code atNanos} is right after XSync. */
    synchronized void flipped(long atNanos) {
        int slot = (int) ((flips - 1) % CAPACITY);
        drawnAt[slot] = atNanos;
        drawn[slot] = true;
    }

    /** The client saw this level (0-3) at the marker's centre in an update that covered it. */
    synchronized void observed(int level, long atNanos) {
        if (level == lastSeenLevel) {
            return;
        }
        lastSeenLevel = level;
        for (long flip = flips - 1; flip >= Math.max(0, flips - CAPACITY); flip--) {
            int slot = (int) (flip % CAPACITY);
            if (levelOf[slot] != level) {
                continue;
            }
            if (seen[slot]) {
                return; // already counted (e.g. the marker was sent again)
            }
            seen[slot] = true;
            if (flip >= windowFirstFlip && flip < windowEndFlip) {
                long latency = drawn[slot] ? atNanos - drawnAt[slot] : -1;
                if (latency < 0) {
                    early++;
                    latency = 0;
                }
                latencies.add(latency);
            }
            return;
        }
    }

    /** Starts a measuring window: latencies of flips drawn from now on. */
    synchronized void startWindow() {
        windowFirstFlip = flips;
        windowEndFlip = Long.MAX_VALUE;
        latencies.clear();
        early = 0;
    }

    /** Ends the window: flips drawn from now on do not count (those drawn before may still arrive). */
    synchronized void closeWindow() {
        windowEndFlip = flips;
    }

    /** The window's figures: latencies (ns) of the flips drawn in it, and how many flips were drawn. */
    synchronized Window results() {
        long drawn = Math.min(flips, windowEndFlip) - windowFirstFlip;
        return new Window(List.copyOf(latencies), drawn, early);
    }

    record Window(List<Long> latenciesNanos, long flipsDrawn, long early) {

        long missed() {
            return Math.max(0, flipsDrawn - latenciesNanos.size());
        }
    }
}
