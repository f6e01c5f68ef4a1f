package io.helmdesk.screen.internal;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.protocol.message.Limits;

/**
 * The work of {@code ScreenEncoder}. Keeps a model of the viewer's picture (the captured pixels it was last sent),
 * finds the 64×64 tiles where the new frame differs, sends scrolled and moved content as COPY tiles (applied to the
 * model exactly as the viewer applies them), and encodes what is still different, tile rows merged where one encoding
 * fits several neighbours.
 */
public final class TiledEncoder {

    public static final int TILE = 64;

    /** COPY tiles per frame; beyond them the pixels are encoded. */
    static final int MAX_COPY_TILES = 4096;

    /** Fewer changed tiles than this are not worth a search for scrolled or moved content. */
    private static final int MIN_TILES_FOR_MOTION = 2;

    private static final int SCROLL_CANDIDATES = 2;

    private static final int MOVE_CANDIDATES = 3;

    private static final int FRUITLESS_SEARCHES_BEFORE_BACKING_OFF = 3;

    private static final int SEARCH_EVERY_WHEN_FRUITLESS = 8;

    /** A change narrower than this in a tile is encoded alone at its exact width; wider ones take the tile's width. */
    private static final int NARROW_CHANGE = TILE / 2;

    /** How long a tile sent as JPEG must stay unchanged before it is sent again losslessly. */
    static final long REFINE_AFTER_NANOS = 1_000_000_000L;
    /** At most this many tiles are refined per frame, and only in frames that carry nothing else. */
    static final int REFINE_TILES_PER_FRAME = 16;
    /**
     * A refining frame stops growing past this many bytes of tile data: on a slow link a frame in flight delays the
     * next real change (32 KB is a quarter of a second at 1 Mbit/s; a 1080p photo wallpaper still refines in a second
     * or two on a LAN).
     */
    static final int REFINE_BYTES_PER_FRAME = 32 * 1024;
    /** {@link #approximateSince} of a tile the viewer has exactly. */
    private static final long EXACT = Long.MIN_VALUE;

    private final TileEncoder tileEncoder;

    private final MotionDetector motion = new MotionDetector();

    private final List<Group> groups = new ArrayList<>();

    private int groupsUsed;

    private int width;

    private int height;

    private int tilesX;

    private int tilesY;

    /** The viewer's picture as this encoder made it: captured pixels, before any lossy encoding. */
    private int[] model;

    private boolean sendAll;

    private boolean[] damaged;

    private boolean[] dirty;

    /** Per tile, the changed pixels' bounds (right and bottom exclusive). */
    private int[] changedLeft;

    private int[] changedRight;

    private int[] changedTop;

    private int[] changedBottom;

    private TileEncoder.Analysis[] analyses;

    private int[] row;

    /** Since when (the capture's nanos) a tile's picture at the viewer is a JPEG approximation; EXACT if it is not. */
    private long[] approximateSince;
    /** Where the next search for tiles to refine starts: refinement sweeps the screen instead of favouring the top. */
    private int refineCursor;

    private int quality = 70;

    private boolean lossy = true;

    private boolean detectMotion = true;

    /** Consecutive searches over more than a quarter of the screen that found nothing. */
    private int fruitlessSearches;

    private int skippedSearches;

    public TiledEncoder(int width, int height, JpegCodec jpeg) {
        this.tileEncoder = new TileEncoder(jpeg);
        resize(width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public String jpegName() {
        return tileEncoder.jpeg().name();
    }

    public void configure(int jpegQuality, boolean lossyTiles, boolean motionDetection) {
        this.quality = jpegQuality;
        this.lossy = lossyTiles;
        this.detectMotion = motionDetection;
    }

    public void resize(int newWidth, int newHeight) {
        if (newWidth < 1 || newHeight < 1 || newWidth > Limits.IMAGE_DIMENSION || newHeight > Limits.IMAGE_DIMENSION) {
            throw new IllegalArgumentException("Screen size " + newWidth + "x" + newHeight + " is not between 1x1 and "
                    + Limits.IMAGE_DIMENSION + "x" + Limits.IMAGE_DIMENSION);
        }
        int newTilesX = (newWidth + TILE - 1) / TILE;
        int newTilesY = (newHeight + TILE - 1) / TILE;
        if ((long) newTilesX * newTilesY + MAX_COPY_TILES > Limits.FRAME_TILES) {
            throw new IllegalArgumentException("Screen size " + newWidth + "x" + newHeight + " needs more than "
                    + (Limits.FRAME_TILES - MAX_COPY_TILES) + " tiles of " + TILE + "x" + TILE);
        }
        width = newWidth;
        height = newHeight;
        tilesX = newTilesX;
        tilesY = newTilesY;
        int tiles = tilesX * tilesY;
        model = new int[width * height];
        damaged = new boolean[tiles];
        dirty = new boolean[tiles];
        changedLeft = new int[tiles];
        changedRight = new int[tiles];
        changedTop = new int[tiles];
        changedBottom = new int[tiles];
        analyses = new TileEncoder.Analysis[tilesX];
        for (int i = 0; i < tilesX; i++) {
            analyses[i] = new TileEncoder.Analysis();
        }
        row = new int[width];
        approximateSince = new long[tiles];
        Arrays.fill(approximateSince, EXACT);
        refineCursor = 0;
        sendAll = true;
    }

    public void refresh() {
        sendAll = true;
    }

    /** Marks a region where the next frame may differ; it is clipped to the screen. */
    public void damage(int x, int y, int regionWidth, int regionHeight) {
        int right = (int) Math.min(width, (long) x + regionWidth);
        int bottom = (int) Math.min(height, (long) y + regionHeight);
        if (x >= right || y >= bottom) {
            return;
        }
        for (int tileY = y / TILE; tileY <= (bottom - 1) / TILE; tileY++) {
            for (int tileX = x / TILE; tileX <= (right - 1) / TILE; tileX++) {
                damaged[tileY * tilesX + tileX] = true;
            }
        }
    }

    /**
     * Encodes a frame captured at {@code capturedAtNanos} (a monotonic clock), which times the refinement of lossy
     * tiles.
     */
    public FrameUpdate encode(IntBuffer pixels, int stride, long capturedAtNanos) {
        if (stride < width) {
            throw new IllegalArgumentException("Stride " + stride + " is less than the screen's width " + width);
        }
        if ((long) (height - 1) * stride + width > pixels.limit()) {
            throw new IllegalArgumentException("The pixel buffer holds " + pixels.limit() + " pixels, less than a "
                    + width + "x" + height + " frame with stride " + stride);
        }
        List<Tile> tiles = new ArrayList<>();
        FrameView view = new FrameView(pixels, stride, model, width, height, dirty);
        if (sendAll) {
            sendAll = false;
            Arrays.fill(damaged, false);
            for (int y = 0; y < height; y++) {
                pixels.get(y * stride, model, y * width, width);
            }
            for (int tile = 0; tile < dirty.length; tile++) {
                dirty[tile] = true;
                changedLeft[tile] = tile % tilesX * TILE;
                changedRight[tile] = Math.min(width, changedLeft[tile] + TILE);
                changedTop[tile] = tile / tilesX * TILE;
                changedBottom[tile] = Math.min(height, changedTop[tile] + TILE);
            }
        } else {
            Arrays.fill(dirty, false);
            int changed = compare(view, damaged);
            if (detectMotion && changed >= MIN_TILES_FOR_MOTION) {
                searchMotion(view, tiles, changed);
            }
            for (int tile = 0; tile < dirty.length; tile++) {
                if (dirty[tile]) {
                    int left = changedLeft[tile];
                    int length = changedRight[tile] - left;
                    for (int y = changedTop[tile]; y < changedBottom[tile]; y++) {
                        pixels.get(y * stride + left, model, y * width + left, length);
                    }
                }
            }
        }
        encodeChanged(tiles);
        trackApproximations(tiles, capturedAtNanos);
        if (tiles.isEmpty()) {
            refine(tiles, capturedAtNanos);
        }
        return new FrameUpdate(tiles);
    }

    /**
     * Notes which tiles the viewer now has only approximately, in the frame's order: a JPEG tile makes every tile it
     * touches approximate, a copy carries its source's state along, a lossless tile makes the tiles it covers whole
     * exact again.
     */
    private void trackApproximations(List<Tile> tiles, long now) {
        for (Tile tile : tiles) {
            switch (tile.encoding()) {
                case JPEG -> markApproximate(tile.x(), tile.y(), tile.width(), tile.height(), now);
                case COPY -> {
                    byte[] source = tile.data();
                    int sourceX = (source[0] & 0xFF) << 8 | source[1] & 0xFF;
                    int sourceY = (source[2] & 0xFF) << 8 | source[3] & 0xFF;
                    if (anyApproximate(sourceX, sourceY, tile.width(), tile.height())) {
                        markApproximate(tile.x(), tile.y(), tile.width(), tile.height(), now);
                    } else {
                        markExact(tile.x(), tile.y(), tile.width(), tile.height());
                    }
                }
                default -> markExact(tile.x(), tile.y(), tile.width(), tile.height());
            }
        }
    }

    /**
     * Sends tiles that were sent as JPEG and have not changed for {@link #REFINE_AFTER_NANOS} again losslessly, so
     * that text which was once part of a changing picture ends up sharp (TigerVNC's "lossless refresh"). Only in a
     * frame with nothing else to carry, a few tiles at a time (see {@link #REFINE_BYTES_PER_FRAME}): the viewer's
     * acknowledgements pace them like any frame.
     */
    private void refine(List<Tile> tiles, long now) {
        int count = approximateSince.length;
        int start = refineCursor;
        int bytes = 0;
        for (int i = 0; i < count && tiles.size() < REFINE_TILES_PER_FRAME && bytes < REFINE_BYTES_PER_FRAME; i++) {
            int tile = (start + i) % count;
            if (approximateSince[tile] == EXACT || now - approximateSince[tile] < REFINE_AFTER_NANOS) {
                continue;
            }
            int left = tile % tilesX * TILE;
            int top = tile / tilesX * TILE;
            int tileWidth = Math.min(width, left + TILE) - left;
            int tileHeight = Math.min(height, top + TILE) - top;
            TileEncoder.Analysis analysis = analyses[0];
            tileEncoder.analyse(model, width, left, top, tileWidth, tileHeight, analysis);
            Tile refined = tileEncoder.encode(model, width, left, top, tileWidth, tileHeight, analysis, 0);
            tiles.add(refined);
            bytes += refined.data().length;
            approximateSince[tile] = EXACT;
            refineCursor = (tile + 1) % count;
        }
    }

    private void markApproximate(int x, int y, int rectangleWidth, int rectangleHeight, long now) {
        for (int tileY = y / TILE; tileY <= (y + rectangleHeight - 1) / TILE; tileY++) {
            for (int tileX = x / TILE; tileX <= (x + rectangleWidth - 1) / TILE; tileX++) {
                approximateSince[tileY * tilesX + tileX] = now;
            }
        }
    }

    private boolean anyApproximate(int x, int y, int rectangleWidth, int rectangleHeight) {
        for (int tileY = y / TILE; tileY <= (y + rectangleHeight - 1) / TILE; tileY++) {
            for (int tileX = x / TILE; tileX <= (x + rectangleWidth - 1) / TILE; tileX++) {
                if (approximateSince[tileY * tilesX + tileX] != EXACT) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Clears the tiles that the rectangle covers entirely; a tile it covers in part keeps its state. */
    private void markExact(int x, int y, int rectangleWidth, int rectangleHeight) {
        int right = x + rectangleWidth;
        int bottom = y + rectangleHeight;
        for (int tileY = y / TILE; tileY <= (bottom - 1) / TILE; tileY++) {
            for (int tileX = x / TILE; tileX <= (right - 1) / TILE; tileX++) {
                int tileLeft = tileX * TILE;
                int tileTop = tileY * TILE;
                if (x <= tileLeft && y <= tileTop && right >= Math.min(width, tileLeft + TILE)
                        && bottom >= Math.min(height, tileTop + TILE)) {
                    approximateSince[tileY * tilesX + tileX] = EXACT;
                }
            }
        }
    }

    /**
     * Scrolls first (cheaper, and most common), then moved windows in what is still different. A search over a large
     * area that keeps finding nothing (video, image swaps) costs milliseconds a frame: it then runs only on every
     * {@value #SEARCH_EVERY_WHEN_FRUITLESS}th such frame, until one finds something.
     */
    private void searchMotion(FrameView view, List<Tile> tiles, int changed) {
        boolean large = changed * 4 > tilesX * tilesY;
        if (large && fruitlessSearches >= FRUITLESS_SEARCHES_BEFORE_BACKING_OFF
                && ++skippedSearches < SEARCH_EVERY_WHEN_FRUITLESS) {
            return;
        }
        skippedSearches = 0;
        int before = tiles.size();
        List<Long> tried = new ArrayList<>();
        for (long shift : motion.scrollCandidates(view, SCROLL_CANDIDATES)) {
            tried.add(shift);
            changed = sendMatches(view, tiles, shift, changed);
        }
        if (changed >= MIN_TILES_FOR_MOTION) {
            for (long shift : motion.moveCandidates(view, MOVE_CANDIDATES)) {
                if (!tried.contains(shift) && changed >= MIN_TILES_FOR_MOTION) {
                    changed = sendMatches(view, tiles, shift, changed);
                }
            }
        }
        if (tiles.size() > before) {
            fruitlessSearches = 0;
        } else if (large) {
            fruitlessSearches++;
        }
    }

    /** Applies the shift's matches to the model as COPY tiles; returns how many tiles still differ. */
    private int sendMatches(FrameView view, List<Tile> tiles, long shift, int changed) {
        int dx = MotionDetector.shiftX(shift);
        int dy = MotionDetector.shiftY(shift);
        List<Move> moves = motion.matches(view, dx, dy);
        if (moves.isEmpty()) {
            return changed;
        }
        for (Move move : moves) {
            for (Move piece : pieces(move)) {
                if (tiles.size() >= MAX_COPY_TILES) { // only COPY tiles are in the list yet
                    break;
                }
                Pixels.copyWithin(model, width, piece.sourceX(), piece.sourceY(), piece.x(), piece.y(), piece.width(),
                        piece.height());
                int sourceX = piece.sourceX();
                int sourceY = piece.sourceY();
                tiles.add(new Tile(piece.x(), piece.y(), piece.width(), piece.height(), TileEncoding.COPY,
                        new byte[]{(byte) (sourceX >> 8), (byte) sourceX, (byte) (sourceY >> 8), (byte) sourceY}));
            }
        }
        // Copies only wrote pixels of changed tiles; comparing those again tells what is left to encode
        boolean[] again = damaged;
        System.arraycopy(dirty, 0, again, 0, dirty.length);
        return compare(view, again);
    }

    /**
     * A move split into pieces of at most {@link Limits#TILE_DIMENSION}, ordered so that no piece reads what an
     * earlier one wrote: rows bands in the move's vertical direction, columns against its horizontal one.
     */
    private static List<Move> pieces(Move move) {
        int limit = Limits.TILE_DIMENSION;
        if (move.width() <= limit && move.height() <= limit) {
            return List.of(move);
        }
        List<Move> pieces = new ArrayList<>();
        int bands = (move.height() + limit - 1) / limit;
        int columns = (move.width() + limit - 1) / limit;
        for (int b = 0; b < bands; b++) {
            int band = move.dy() > 0 ? bands - 1 - b : b;
            for (int c = 0; c < columns; c++) {
                int column = move.dx() > 0 ? columns - 1 - c : c;
                int x = move.x() + column * limit;
                int y = move.y() + band * limit;
                pieces.add(new Move(x, y, Math.min(limit, move.x() + move.width() - x),
                        Math.min(limit, move.y() + move.height() - y), move.dx(), move.dy()));
            }
        }
        return pieces;
    }

    /**
     * Compares the marked tiles with the model (and clears the marks), setting {@link #dirty} and the changed bounds of
     * each; returns how many are dirty in all.
     */
    private int compare(FrameView view, boolean[] marked) {
        for (int tileY = 0; tileY < tilesY; tileY++) {
            int top = tileY * TILE;
            int bottom = Math.min(height, top + TILE);
            int tileX = 0;
            while (tileX < tilesX) {
                if (!marked[tileY * tilesX + tileX]) {
                    tileX++;
                    continue;
                }
                int first = tileX;
                while (tileX < tilesX && marked[tileY * tilesX + tileX]) {
                    int tile = tileY * tilesX + tileX;
                    marked[tile] = false;
                    dirty[tile] = false;
                    changedLeft[tile] = Integer.MAX_VALUE;
                    changedRight[tile] = -1;
                    changedTop[tile] = Integer.MAX_VALUE;
                    changedBottom[tile] = -1;
                    tileX++;
                }
                compareRun(view, tileY, first, tileX, top, bottom);
            }
        }
        int count = 0;
        for (boolean tile : dirty) {
            if (tile) {
                count++;
            }
        }
        return count;
    }

    /** Compares the tiles {@code [first, end)} of one tile row, one screen row at a time. */
    private void compareRun(FrameView view, int tileY, int first, int end, int top, int bottom) {
        int left = first * TILE;
        int right = Math.min(width, end * TILE);
        for (int y = top; y < bottom; y++) {
            view.capturedRow(y, left, right - left, row);
            int base = y * width;
            for (int tileX = first; tileX < end; tileX++) {
                int x = tileX * TILE;
                int length = Math.min(TILE, width - x);
                int offset = x - left;
                int mismatch = Arrays.mismatch(row, offset, offset + length, model, base + x, base + x + length);
                if (mismatch < 0) {
                    continue;
                }
                int last = length - 1;
                while (row[offset + last] == model[base + x + last]) {
                    last--;
                }
                int tile = tileY * tilesX + tileX;
                dirty[tile] = true;
                changedLeft[tile] = Math.min(changedLeft[tile], x + mismatch);
                changedRight[tile] = Math.max(changedRight[tile], x + last + 1);
                changedTop[tile] = Math.min(changedTop[tile], y);
                changedBottom[tile] = y + 1;
            }
        }
    }

    /**
     * Encodes the dirty tiles. A narrow change is encoded at its exact bounds; wider ones take the tile's full width.
     * Neighbours on a tile row with the same changed rows merge when one encoding fits them all, and so do groups of
     * consecutive tile rows with the same columns (the strips a moved window uncovers, large flat areas).
     */
    private void encodeChanged(List<Tile> tiles) {
        groupsUsed = 0;
        List<Group> open = new ArrayList<>();
        List<Group> continued = new ArrayList<>();
        for (int tileY = 0; tileY < tilesY; tileY++) {
            widenChanges(tileY);
            for (int tileX = 0; tileX < tilesX; tileX++) {
                int tile = tileY * tilesX + tileX;
                if (!dirty[tile]) {
                    continue;
                }
                tileEncoder.analyse(model, width, changedLeft[tile], changedTop[tile],
                        changedRight[tile] - changedLeft[tile], changedBottom[tile] - changedTop[tile],
                        analyses[tileX]);
            }
            continued.clear();
            int tileX = 0;
            while (tileX < tilesX) {
                int tile = tileY * tilesX + tileX;
                if (!dirty[tile]) {
                    tileX++;
                    continue;
                }
                Group group = newGroup(changedLeft[tile], changedTop[tile], changedBottom[tile], analyses[tileX]);
                tileX++;
                while (tileX < tilesX && mergeable(tileY * tilesX + tileX - 1, tileY * tilesX + tileX, group.left)
                        && tileEncoder.absorb(group.analysis, analyses[tileX])) {
                    tileX++;
                }
                group.right = changedRight[tileY * tilesX + tileX - 1];
                Group above = below(open, group);
                if (above != null) {
                    above.bottom = group.bottom;
                    continued.add(above);
                } else {
                    continued.add(group);
                }
            }
            for (Group group : open) {
                if (!continued.contains(group)) {
                    tiles.add(encode(group));
                }
            }
            List<Group> swap = open;
            open = continued;
            continued = swap;
        }
        for (Group group : open) {
            tiles.add(encode(group));
        }
    }

    /**
     * Gives the wide changes of a tile row the tiles' full width, and each run of two or more neighbouring ones the same
     * rows (the union of theirs), so that they can merge; the few unchanged pixels this adds cost less than more tiles
     * do.
     */
    private void widenChanges(int tileY) {
        int tileX = 0;
        while (tileX < tilesX) {
            int tile = tileY * tilesX + tileX;
            if (!dirty[tile] || changedRight[tile] - changedLeft[tile] < NARROW_CHANGE) {
                tileX++;
                continue;
            }
            int first = tileX;
            int top = Integer.MAX_VALUE;
            int bottom = 0;
            for (; tileX < tilesX && dirty[tile] && changedRight[tile] - changedLeft[tile] >= NARROW_CHANGE; tile++) {
                top = Math.min(top, changedTop[tile]);
                bottom = Math.max(bottom, changedBottom[tile]);
                tileX++;
            }
            if (tileX - first < 2) {
                // A lone change keeps its exact bounds: widening it merges nothing and adds unchanged pixels (a
                // small flat change on a busy background would turn into a full tile of photo).
                continue;
            }
            for (int x = first; x < tileX; x++) {
                int widened = tileY * tilesX + x;
                changedLeft[widened] = x * TILE;
                changedRight[widened] = Math.min(width, x * TILE + TILE);
                changedTop[widened] = top;
                changedBottom[widened] = bottom;
            }
        }
    }

    /** The open group that {@code group} extends downwards, having absorbed it, or null. */
    private Group below(List<Group> open, Group group) {
        for (Group above : open) {
            if (above.left == group.left && above.right == group.right && above.bottom == group.top
                    && group.bottom - above.top <= Limits.TILE_DIMENSION
                    && tileEncoder.absorb(above.analysis, group.analysis)) {
                return above;
            }
        }
        return null;
    }

    private Tile encode(Group group) {
        return tileEncoder.encode(model, width, group.left, group.top, group.right - group.left,
                group.bottom - group.top, group.analysis, lossy ? quality : 0);
    }

    private Group newGroup(int left, int top, int bottom, TileEncoder.Analysis analysis) {
        if (groupsUsed == groups.size()) {
            groups.add(new Group());
        }
        Group group = groups.get(groupsUsed++);
        group.left = left;
        group.top = top;
        group.bottom = bottom;
        group.analysis.copyFrom(analysis);
        return group;
    }

    /** Pixels encoded as one tile; pooled across frames. */
    private static final class Group {

        int left;

        int right;

        int top;

        int bottom;

        final TileEncoder.Analysis analysis = new TileEncoder.Analysis();
    }

    /** Whether tile {@code next} continues the group that ends with {@code previous} and starts at {@code left}. */
    private boolean mergeable(int previous, int next, int left) {
        return dirty[next] && changedRight[previous] == changedLeft[next]
                && changedTop[previous] == changedTop[next] && changedBottom[previous] == changedBottom[next]
                && changedRight[next] - left <= Limits.TILE_DIMENSION;
    }
}
