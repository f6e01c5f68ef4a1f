package io.helmdesk.screen.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds content of the new frame that the viewer already has elsewhere: scrolled regions (row hashes of each column
 * of changed tiles, matched against the model's rows) and moved windows (hashes of 16-pixel row pieces of the changed
 * tiles, matched at every offset). Both only propose shifts; {@link #matches} then finds the exact rectangles, so a
 * hash collision costs time, never a wrong picture.
 */
final class MotionDetector {

    private static final int TILE = TiledEncoder.TILE;

    private static final int MIN_SCROLL_VOTES = 4;

    private static final int MIN_MOVE_VOTES = 8;

    /** Width of the row pieces hashed for moved windows. */
    private static final int FRAGMENT = 16;

    /**
     * The model is indexed on even rows only, and the new frame searched on two neighbouring rows of every
     * {@value #FRAGMENT_ROW_STEP}: one of them meets indexed rows whatever the shift. Hundreds of votes still reach a
     * moved window, and a full-screen change costs a few milliseconds.
     */
    private static final int FRAGMENT_ROW_STEP = 32;

    private static final int MAX_FRAGMENTS = 1 << 20;

    private static final int MIN_MOVE_WIDTH = 16;

    /**
     * Smaller matches cost about as much as encoding their pixels, and split what is left to encode into odd shapes
     * (in the rows a scroll uncovers, blank runs match blank runs of the old picture).
     */
    private static final int MIN_MOVE_PIXELS = 1024;

    private static final int MIN_MOVE_HEIGHT = 4;

    private static final int AMBIGUOUS = -1;

    /** The row hash of a one-coloured row: such rows say nothing about a shift. */
    private static final long FLAT = 0;

    private static final int FILTER_BITS = 20;

    private static final long BASE = 0x100000001B3L;

    private static final long BASE_POWER;

    static {
        long power = 1;
        for (int i = 0; i < FRAGMENT - 1; i++) {
            power *= BASE;
        }
        BASE_POWER = power;
    }

    private final LongIntMap rowIndex = new LongIntMap(256);

    private final LongIntMap fragmentIndex = new LongIntMap(1 << 14);

    private final LongIntMap votes = new LongIntMap(256);

    /** Per tile column and screen row, the hash of the row's piece in the column ({@link #FLAT} for one colour). */
    private long[] modelHashes = new long[0];

    private long[] capturedHashes = new long[0];

    /** A bit per hash range: most lookups of a full-screen change miss, and this answers them from the cache. */
    private final long[] fragmentFilter = new long[1 << (FILTER_BITS - 6)];

    private int[] row = new int[TILE];

    static long shift(int dx, int dy) {
        return (long) dx << 32 | (dy & 0xFFFFFFFFL);
    }

    static int shiftX(long shift) {
        return (int) (shift >> 32);
    }

    static int shiftY(long shift) {
        return (int) shift;
    }

    /**
     * Vertical shifts that rows of changed tiles show, most voted first. Per column of tiles, each changed, non-flat row
     * whose hash is unique among the model's rows of the same column votes for the distance.
     */
    long[] scrollCandidates(FrameView view, int limit) {
        votes.clear(256);
        int cells = view.tilesX * view.height;
        if (modelHashes.length < cells) {
            modelHashes = new long[cells];
            capturedHashes = new long[cells];
        }
        row = grow(row, view.width);
        // Row by row, so that one read of a captured row serves every column
        for (int tileY = 0; tileY < view.tilesY; tileY++) {
            int first = 0;
            while (first < view.tilesX && !view.dirty(first, tileY)) {
                first++;
            }
            if (first == view.tilesX) {
                continue;
            }
            int last = view.tilesX - 1;
            while (!view.dirty(last, tileY)) {
                last--;
            }
            int left = first * TILE;
            int right = Math.min(view.width, (last + 1) * TILE);
            for (int y = tileY * TILE, end = Math.min(view.height, y + TILE); y < end; y++) {
                view.capturedRow(y, left, right - left, row);
                for (int tileX = first; tileX <= last; tileX++) {
                    if (view.dirty(tileX, tileY)) {
                        int x = tileX * TILE;
                        int width = Math.min(TILE, view.width - x);
                        modelHashes[tileX * view.height + y] = rowHash(view.model, y * view.width + x, width);
                        capturedHashes[tileX * view.height + y] = rowHash(row, x - left, width);
                    }
                }
            }
        }
        for (int tileX = 0; tileX < view.tilesX; tileX++) {
            int tileY = 0;
            while (tileY < view.tilesY) {
                if (!view.dirty(tileX, tileY)) {
                    tileY++;
                    continue;
                }
                int top = tileY * TILE;
                while (tileY < view.tilesY && view.dirty(tileX, tileY)) {
                    tileY++;
                }
                voteScroll(tileX * view.height, top, Math.min(view.height, tileY * TILE));
            }
        }
        return best(MIN_SCROLL_VOTES, limit);
    }

    /** Votes of one column's run of changed tiles; its row hashes start at {@code base}. */
    private void voteScroll(int base, int top, int bottom) {
        rowIndex.clear(bottom - top);
        for (int y = top; y < bottom; y++) {
            if (modelHashes[base + y] != FLAT) {
                rowIndex.putUnique(modelHashes[base + y], y, AMBIGUOUS);
            }
        }
        for (int y = top; y < bottom; y++) {
            long hash = capturedHashes[base + y];
            if (hash != FLAT && hash != modelHashes[base + y]) {
                int source = rowIndex.get(hash, AMBIGUOUS);
                if (source >= 0) {
                    votes.increment(shift(0, y - source));
                }
            }
        }
    }

    /**
     * Shifts of moved content, most voted first: the model's 16-pixel row pieces at multiples of 16 inside changed
     * tiles are indexed by hash; every piece of sampled rows of the new frame (at every x, by a rolling hash) is looked
     * up, and a hit votes for the distance.
     */
    long[] moveCandidates(FrameView view, int limit) {
        fragmentIndex.clear(dirtyTiles(view) * (TILE / 2) * (TILE / FRAGMENT));
        Arrays.fill(fragmentFilter, 0);
        indexing : for (int tileY = 0; tileY < view.tilesY; tileY++) {
            for (int tileX = 0; tileX < view.tilesX; tileX++) {
                if (!view.dirty(tileX, tileY)) {
                    continue;
                }
                int left = tileX * TILE;
                int right = Math.min(view.width, left + TILE);
                for (int y = tileY * TILE, end = Math.min(view.height, y + TILE); y < end; y += 2) {
                    for (int x = left; x + FRAGMENT <= right; x += FRAGMENT) {
                        int start = y * view.width + x;
                        if (!flat(view.model, start, FRAGMENT)) {
                            long hash = fragmentHash(view.model, start);
                            fragmentIndex.putUnique(hash, start, AMBIGUOUS);
                            int bit = (int) (hash >>> (64 - FILTER_BITS));
                            fragmentFilter[bit >>> 6] |= 1L << bit;
                        }
                    }
                }
                if (fragmentIndex.size() >= MAX_FRAGMENTS) {
                    break indexing;
                }
            }
        }
        votes.clear(1024);
        if (fragmentIndex.size() == 0) {
            return new long[0];
        }
        row = grow(row, view.width);
        for (int tileY = 0; tileY < view.tilesY; tileY++) {
            int tileX = 0;
            while (tileX < view.tilesX) {
                if (!view.dirty(tileX, tileY)) {
                    tileX++;
                    continue;
                }
                int left = tileX * TILE;
                while (tileX < view.tilesX && view.dirty(tileX, tileY)) {
                    tileX++;
                }
                int right = Math.min(view.width, tileX * TILE);
                for (int y = tileY * TILE, end = Math.min(view.height, y + TILE); y < end; y += FRAGMENT_ROW_STEP) {
                    voteMoves(view, y, left, right - left);
                    if (y + 1 < end) {
                        voteMoves(view, y + 1, left, right - left);
                    }
                }
            }
        }
        return best(MIN_MOVE_VOTES, limit);
    }

    private void voteMoves(FrameView view, int y, int left, int length) {
        if (length < FRAGMENT) {
            return;
        }
        view.capturedRow(y, left, length, row);
        long hash = fragmentHash(row, 0);
        int equalNeighbours = 0;
        for (int k = 0; k < FRAGMENT - 1; k++) {
            if (row[k] == row[k + 1]) {
                equalNeighbours++;
            }
        }
        for (int i = 0;; i++) {
            int bit = (int) (hash >>> (64 - FILTER_BITS));
            if (equalNeighbours < FRAGMENT - 1 && (fragmentFilter[bit >>> 6] & 1L << bit) != 0) {
                int at = fragmentIndex.get(hash, AMBIGUOUS);
                if (at >= 0) {
                    int dx = left + i - at % view.width;
                    int dy = y - at / view.width;
                    if (dx != 0 || dy != 0) {
                        votes.increment(shift(dx, dy));
                    }
                }
            }
            if (i + FRAGMENT >= length) {
                return;
            }
            hash = (hash - (row[i] + 1L) * BASE_POWER) * BASE + (row[i + FRAGMENT] + 1L);
            if (row[i] == row[i + 1]) {
                equalNeighbours--;
            }
            if (row[i + FRAGMENT - 1] == row[i + FRAGMENT]) {
                equalNeighbours++;
            }
        }
    }

    /**
     * The rectangles inside changed tiles where the new frame equals the model shifted by {@code (dx, dy)} and that
     * change something, in an order in which applying them one after another reads no pixel an earlier one wrote.
     */
    List<Move> matches(FrameView view, int dx, int dy) {
        row = grow(row, view.width);
        Intervals open = new Intervals();
        Intervals current = new Intervals();
        Intervals next = new Intervals();
        List<Move> found = new ArrayList<>();
        for (int y = 0; y < view.height; y++) {
            current.clear();
            int sourceY = y - dy;
            if (sourceY >= 0 && sourceY < view.height) {
                findIntervals(view, y, sourceY, dx, current);
            }
            // Same interval as on the row above: the rectangle grows; anything else closes it
            next.clear();
            int o = 0;
            for (int c = 0; c < current.size; c++) {
                while (o < open.size && open.left[o] < current.left[c]) {
                    close(view, open, o, y, dx, dy, found);
                    o++;
                }
                if (o < open.size && open.left[o] == current.left[c] && open.right[o] == current.right[c]) {
                    next.add(current.left[c], current.right[c], open.top[o]);
                    o++;
                } else {
                    next.add(current.left[c], current.right[c], y);
                }
            }
            for (; o < open.size; o++) {
                close(view, open, o, y, dx, dy, found);
            }
            Intervals swap = open;
            open = next;
            next = swap;
        }
        for (int o = 0; o < open.size; o++) {
            close(view, open, o, view.height, dx, dy, found);
        }
        Comparator<Move> order;
        if (dy != 0) {
            // Content moved up is copied top first, so no copy reads rows an earlier one wrote; down, bottom first
            order = Comparator.comparingInt(Move::y);
            order = dy < 0 ? order : order.reversed();
        } else {
            order = Comparator.comparingInt(Move::x);
            order = dx < 0 ? order : order.reversed();
        }
        found.sort(order);
        return found;
    }

    /** Runs of at least {@link #MIN_MOVE_WIDTH} matching pixels of row {@code y}, within runs of changed tiles. */
    private void findIntervals(FrameView view, int y, int sourceY, int dx, Intervals into) {
        int tileY = y / TILE;
        int tileX = 0;
        while (tileX < view.tilesX) {
            if (!view.dirty(tileX, tileY)) {
                tileX++;
                continue;
            }
            int runLeft = tileX * TILE;
            while (tileX < view.tilesX && view.dirty(tileX, tileY)) {
                tileX++;
            }
            int runRight = Math.min(view.width, tileX * TILE);
            int left = Math.max(runLeft, dx);
            int right = Math.min(runRight, view.width + dx);
            int length = right - left;
            if (length < MIN_MOVE_WIDTH) {
                continue;
            }
            view.capturedRow(y, left, length, row);
            int source = sourceY * view.width + left - dx;
            int[] model = view.model;
            int i = 0;
            while (i < length) {
                int mismatch = Arrays.mismatch(row, i, length, model, source + i, source + length);
                int matched = mismatch < 0 ? length - i : mismatch;
                if (matched >= MIN_MOVE_WIDTH) {
                    into.add(left + i, left + i + matched, y);
                }
                i += matched;
                while (i < length && row[i] != model[source + i]) {
                    i++;
                }
            }
        }
    }

    /** Keeps an ended rectangle when, without its unchanged top and bottom rows, it is still worth a copy. */
    private void close(FrameView view, Intervals open, int index, int bottom, int dx, int dy, List<Move> found) {
        int left = open.left[index];
        int width = open.right[index] - left;
        int top = open.top[index];
        if (width * (bottom - top) < MIN_MOVE_PIXELS) {
            return;
        }
        while (top < bottom && unchanged(view, top, left, width)) {
            top++;
        }
        while (bottom > top && unchanged(view, bottom - 1, left, width)) {
            bottom--;
        }
        // One colour is encoded almost for free; copying it would only cut up what is left to encode
        if (width * (bottom - top) >= MIN_MOVE_PIXELS && bottom - top >= MIN_MOVE_HEIGHT
                && !oneColour(view.model, view.width, left - dx, top - dy, width, bottom - top)) {
            found.add(new Move(left, top, width, bottom - top, dx, dy));
        }
    }

    private boolean unchanged(FrameView view, int y, int x, int width) {
        view.capturedRow(y, x, width, row);
        int start = y * view.width + x;
        return Arrays.equals(row, 0, width, view.model, start, start + width);
    }

    /** The most voted shifts with at least {@code minVotes}, most first. */
    private long[] best(int minVotes, int limit) {
        List<long[]> candidates = new ArrayList<>();
        for (int slot = 0; slot < votes.capacity(); slot++) {
            if (votes.occupied(slot) && votes.valueAt(slot) >= minVotes) {
                candidates.add(new long[]{votes.keyAt(slot), votes.valueAt(slot)});
            }
        }
        candidates.sort((a, b) -> Long.compare(b[1], a[1]));
        return candidates.stream().limit(limit).mapToLong(candidate -> candidate[0]).toArray();
    }

    private static boolean oneColour(int[] pixels, int stride, int x, int y, int width, int height) {
        int colour = pixels[y * stride + x];
        for (int row = y; row < y + height; row++) {
            for (int i = row * stride + x, end = i + width; i < end; i++) {
                if (pixels[i] != colour) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int dirtyTiles(FrameView view) {
        int count = 0;
        for (boolean tile : view.dirty) {
            if (tile) {
                count++;
            }
        }
        return count;
    }

    /** A row hash, or {@link #FLAT} for a one-coloured row; four independent lanes let the multiplications overlap. */
    private static long rowHash(int[] pixels, int start, int length) {
        int first = pixels[start];
        int varied = 0;
        long a = 0xCBF29CE484222325L;
        long b = 0x84222325CBF29CE4L;
        long c = 0x9E3779B97F4A7C15L;
        long d = 0xC2B2AE3D27D4EB4FL;
        int i = start;
        for (int end = start + length - 3; i < end; i += 4) {
            varied |= (pixels[i] ^ first) | (pixels[i + 1] ^ first) | (pixels[i + 2] ^ first) | (pixels[i + 3] ^ first);
            a = (a ^ pixels[i]) * BASE;
            b = (b ^ pixels[i + 1]) * BASE;
            c = (c ^ pixels[i + 2]) * BASE;
            d = (d ^ pixels[i + 3]) * BASE;
        }
        for (int end = start + length; i < end; i++) {
            varied |= pixels[i] ^ first;
            a = (a ^ pixels[i]) * BASE;
        }
        if (varied == 0) {
            return FLAT;
        }
        long hash = a ^ Long.rotateLeft(b, 16) ^ Long.rotateLeft(c, 32) ^ Long.rotateLeft(d, 48);
        hash ^= hash >>> 29;
        return hash == FLAT ? 1 : hash;
    }

    private static long fragmentHash(int[] pixels, int start) {
        long hash = 0;
        for (int i = start; i < start + FRAGMENT; i++) {
            hash = hash * BASE + (pixels[i] + 1L);
        }
        return hash;
    }

    private static boolean flat(int[] pixels, int start, int length) {
        int first = pixels[start];
        for (int i = start + 1, end = start + length; i < end; i++) {
            if (pixels[i] != first) {
                return false;
            }
        }
        return true;
    }

    private static int[] grow(int[] array, int length) {
        return array.length >= length ? array : new int[length];
    }

    /** Horizontal intervals of one row, left to right, each with the row its rectangle started on. */
    private static final class Intervals {

        int[] left = new int[8];

        int[] right = new int[8];

        int[] top = new int[8];

        int size;

        void add(int l, int r, int t) {
            if (size == left.length) {
                left = Arrays.copyOf(left, size * 2);
                right = Arrays.copyOf(right, size * 2);
                top = Arrays.copyOf(top, size * 2);
            }
            left[size] = l;
            right[size] = r;
            top[size] = t;
            size++;
        }

        void clear() {
            size = 0;
        }
    }
}
