package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.screen.internal.JpegCodecs;

/** Scrolled and moved content goes as COPY tiles. */
class MotionTest {

    private static final int WIDTH = 1024;

    private static final int HEIGHT = 768;

    @ParameterizedTest
    @ValueSource(ints = {Screens.LINE_HEIGHT, -Screens.LINE_HEIGHT, 3 * Screens.LINE_HEIGHT, 1})
    void aScrolledTerminalIsCopiedAndOnlyNewRowsAreEncoded(int rowsUp) {
        int[] before = Screens.text(WIDTH, HEIGHT, 21);
        int[] after = scrolled(before, WIDTH, 0, 0, WIDTH, HEIGHT, rowsUp, 22);
        Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegCodecs.best());
        session.send(before);

        FrameUpdate update = session.send(after);

        assertArrayEquals(after, session.picture());
        assertTrue(Session.count(update, TileEncoding.COPY) > 0, () -> update.tiles().toString());
        int reencoded = Session.bytes(firstFrame(after, WIDTH, HEIGHT));
        assertTrue(Session.bytes(update) * 8 < reencoded, () -> Session.bytes(update) + " bytes, re-encoding "
                + reencoded);
        // what is encoded besides the copies is about the newly exposed rows
        long encodedPixels = update.tiles().stream().filter(tile -> tile.encoding() != TileEncoding.COPY)
                .mapToLong(tile -> (long) tile.width() * tile.height()).sum();
        assertTrue(encodedPixels <= (long) WIDTH * (Math.abs(rowsUp) + 64),
                () -> encodedPixels + " pixels encoded: " + update.tiles());
    }

    @Test
    void aScrollInsideAWindowLeavesTheRestAlone() {
        int[] before = Screens.wallpaper(WIDTH, HEIGHT);
        Screens.paste(before, WIDTH, Screens.text(600, 400, 31), 600, 101, 83);
        int[] after = scrolled(before, WIDTH, 101, 83, 600, 400, Screens.LINE_HEIGHT, 32);
        // lossless, for the dense wallpaper to be compared exactly
        Session session = new Session(WIDTH, HEIGHT, new EncoderSettings(70, false, true), JpegCodecs.best());
        session.send(before);

        FrameUpdate update = session.send(after, List.of(new Region(101, 83, 600, 400)));

        assertArrayEquals(after, session.picture());
        assertTrue(Session.count(update, TileEncoding.COPY) > 0);
        for (Tile tile : update.tiles()) {
            assertTrue(tile.x() >= 101 && tile.y() >= 83 && tile.x() + tile.width() <= 701
                    && tile.y() + tile.height() <= 483, () -> tile + " is outside the window");
        }
    }

    @Test
    void aMovedWindowIsCopied() {
        int[] background = Screens.wallpaper(WIDTH, HEIGHT);
        int[] window = Screens.photo(640, 480, 41);
        int[] before = background.clone();
        Screens.paste(before, WIDTH, window, 640, 150, 120);
        int[] after = background.clone();
        Screens.paste(after, WIDTH, window, 640, 163, 127);
        List<Region> damage = List.of(new Region(150, 120, 640, 480), new Region(163, 127, 640, 480));

        // lossless, so the picture can be compared exactly
        Session exact = new Session(WIDTH, HEIGHT, new EncoderSettings(70, false, true), JpegCodecs.best());
        exact.send(before);
        FrameUpdate update = exact.send(after, damage);

        assertArrayEquals(after, exact.picture());
        List<Tile> copies = Session.tiles(update, TileEncoding.COPY);
        assertEquals(1, copies.size(), () -> update.tiles().toString());
        Tile copy = copies.get(0);
        assertEquals(new Region(163, 127, 640, 480), new Region(copy.x(), copy.y(), copy.width(), copy.height()));
        assertArrayEquals(new byte[]{0, (byte) 150, 0, 120}, copy.data());

        // lossy: far fewer bytes than sending the window again, and the viewer's picture still close
        Session lossy = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegCodecs.best());
        lossy.send(before);
        FrameUpdate moved = lossy.send(after, damage);
        Session without = new Session(WIDTH, HEIGHT, new EncoderSettings(70, true, false), JpegCodecs.best());
        without.send(before);
        FrameUpdate resent = without.send(after, damage);
        assertTrue(Session.bytes(moved) * 5 < Session.bytes(resent),
                () -> Session.bytes(moved) + " bytes with motion detection, " + Session.bytes(resent) + " without");
        double error = Screens.meanAbsoluteError(after, lossy.picture(), WIDTH, 0, 0, WIDTH, HEIGHT);
        assertTrue(error < 6, () -> "mean error " + error);
    }

    @Test
    void aScrollInsideOneTileRowIsExact() {
        int[] before = Screens.text(WIDTH, 64, 51);
        int[] after = scrolled(before, WIDTH, 0, 0, WIDTH, 64, 5, 52);
        Session session = new Session(WIDTH, 64, EncoderSettings.defaults(), JpegCodecs.best());
        session.send(before);

        session.send(after);

        assertArrayEquals(after, session.picture());
    }

    @Test
    void motionDetectionCanBeSwitchedOff() {
        int[] before = Screens.text(WIDTH, HEIGHT, 61);
        int[] after = scrolled(before, WIDTH, 0, 0, WIDTH, HEIGHT, Screens.LINE_HEIGHT, 62);
        Session session = new Session(WIDTH, HEIGHT, new EncoderSettings(70, true, false), JpegCodecs.best());
        session.send(before);

        FrameUpdate update = session.send(after);

        assertEquals(0, Session.count(update, TileEncoding.COPY));
        assertArrayEquals(after, session.picture());
    }

    /**
     * The screen with the rectangle's content moved up by {@code rowsUp} (down when negative) and new text in the rows
     * that opened.
     */
    static int[] scrolled(int[] screen, int stride, int x, int y, int width, int height, int rowsUp, long seed) {
        int[] result = screen.clone();
        int[] fresh = Screens.text(width, height, seed);
        for (int row = 0; row < height; row++) {
            int from = row + rowsUp;
            if (from >= 0 && from < height) {
                System.arraycopy(screen, (y + from) * stride + x, result, (y + row) * stride + x, width);
            } else {
                System.arraycopy(fresh, row * width, result, (y + row) * stride + x, width);
            }
        }
        return result;
    }

    private static FrameUpdate firstFrame(int[] screen, int width, int height) {
        return new Session(width, height, EncoderSettings.defaults(), JpegCodecs.best()).send(screen);
    }
}
