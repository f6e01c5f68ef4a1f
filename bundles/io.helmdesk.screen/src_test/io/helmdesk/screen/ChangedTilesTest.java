package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.IntBuffer;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.screen.internal.JpegCodecs;

/** Only what changed inside the damage hints is sent. */
class ChangedTilesTest {

    private static final int WIDTH = 640;

    private static final int HEIGHT = 480;

    private final Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegCodecs.best());

    private final int[] screen = Screens.ui(WIDTH, HEIGHT, 11);

    @Test
    void anUnchangedFrameHasNoTiles() {
        session.send(screen);

        FrameUpdate update = session.send(screen.clone());

        assertEquals(List.of(), update.tiles());
        assertArrayEquals(screen, session.picture());
    }

    @Test
    void aSmallChangeIsOneTileOfExactlyItsSize() {
        session.send(screen);
        for (int y = 100; y < 110; y++) {
            for (int x = 300; x < 310; x++) {
                screen[y * WIDTH + x] = 0xFF0000 | x << 8 | y;
            }
        }

        FrameUpdate update = session.send(screen);

        assertEquals(1, update.tiles().size(), () -> update.tiles().toString());
        Tile tile = update.tiles().get(0);
        assertEquals(new Region(300, 100, 10, 10), new Region(tile.x(), tile.y(), tile.width(), tile.height()));
        assertArrayEquals(screen, session.picture());
    }

    @Test
    void aChangeAcrossTileCornersIsSentAtItsExactSize() {
        session.send(screen);
        for (int y = 60; y < 70; y++) {
            for (int x = 60; x < 70; x++) {
                screen[y * WIDTH + x] = 0x00FF00;
            }
        }

        FrameUpdate update = session.send(screen);

        // four tiles touched, all one colour: the halves merge across both tile edges
        assertEquals(List.of(new Tile(60, 60, 10, 10, TileEncoding.SOLID, new byte[]{0, (byte) 0xFF, 0})),
                update.tiles());
        assertArrayEquals(screen, session.picture());
    }

    @Test
    void aMarkerFlipIsOneSolidTileOfAFewBytes() {
        // The screen benchmark's marker: a 48×48 square straddling four tiles of a photo-like 1080p wallpaper
        int width = 1920;
        int height = 1080;
        Session desktop = new Session(width, height, EncoderSettings.defaults(), JpegCodecs.best());
        int[] wallpaper = Screens.photo(width, height, 3);
        long start = 7_000_000_000L;
        desktop.send(wallpaper, List.of(Region.screen(width, height)), start);
        for (int y = 120; y < 168; y++) {
            for (int x = 1820; x < 1868; x++) {
                wallpaper[y * width + x] = 0x555555;
            }
        }

        FrameUpdate flip = desktop.send(wallpaper, List.of(new Region(1820, 120, 48, 48)), start + 250_000_000L);

        assertEquals(List.of(new Tile(1820, 120, 48, 48, TileEncoding.SOLID, new byte[]{0x55, 0x55, 0x55})),
                flip.tiles());
        // tile count 1 + x 2 + y, width, height, encoding 1 each + colour 3 (no length)
        assertEquals(10, Session.bytes(flip));
        assertEquals(0x555555, desktop.picture()[143 * width + 1843]);
    }

    @Test
    void changesOutsideTheHintsAreNotLookedFor() {
        session.send(screen);
        screen[10 * WIDTH + 10] ^= 0xFFFFFF;
        screen[400 * WIDTH + 600] ^= 0xFFFFFF;

        assertEquals(List.of(), session.send(screen, List.of()).tiles());
        FrameUpdate update = session.send(screen, List.of(new Region(590, 390, 20, 20)));

        assertEquals(1, update.tiles().size());
        assertEquals(600, update.tiles().get(0).x());
        // the other change stays unseen until a hint covers it
        assertEquals(1, session.send(screen).tiles().size());
        assertArrayEquals(screen, session.picture());
    }

    @Test
    void hintsReachingBeyondTheScreenAreClipped() {
        session.send(screen);
        screen[(HEIGHT - 1) * WIDTH + WIDTH - 1] ^= 0xFFFFFF;

        FrameUpdate update = session.send(screen, List.of(new Region(600, 400, 5000, 5000)));

        assertEquals(1, update.tiles().size());
        assertArrayEquals(screen, session.picture());
    }

    @Test
    void refreshSendsEverythingAgain() {
        FrameUpdate first = session.send(screen);
        session.encoder.refresh();

        FrameUpdate again = session.send(screen, List.of());

        assertEquals(first.tiles(), again.tiles());
    }

    @Test
    void resizeSendsTheNewSize() {
        session.send(screen);
        session.encoder.resize(320, 200);
        int[] small = Screens.text(320, 200, 12);
        ScreenDecoder decoder = new ScreenDecoder(320, 200);

        decoder.apply(session.encoder.encode(IntBuffer.wrap(small), 320, List.of(), 0));

        assertArrayEquals(small, decoder.pixels());
        assertThrows(IllegalArgumentException.class,
                () -> session.encoder.encode(IntBuffer.wrap(small), 300, List.of(), 0));
        assertThrows(IllegalArgumentException.class,
                () -> session.encoder.encode(IntBuffer.allocate(320 * 199), 320, List.of(), 0));
    }

    @Test
    void qualityChangesApplyToTheNextFrame() {
        int[] photo = Screens.photo(WIDTH, HEIGHT, 13);
        FrameUpdate high = session.send(photo);
        session.encoder.settings(session.encoder.settings().withJpegQuality(EncoderSettings.MIN_JPEG_QUALITY));
        session.encoder.refresh();

        FrameUpdate low = session.send(photo);

        assertTrue(Session.bytes(low) < Session.bytes(high) * 3 / 4, Session.bytes(low) + " vs " + Session.bytes(high));
    }
}
