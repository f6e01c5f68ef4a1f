package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;

/** Whole synthetic screens through encoder, wire codec and decoder. */
class RoundTripTest {

    private static final int WIDTH = 800;

    private static final int HEIGHT = 600;

    /** Mean absolute error per channel that JPEG tiles of the noisy test photo may show at quality 70. */
    private static final double JPEG_TOLERANCE = 6;

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void textIsSentLosslessAsPalettes(String jpeg) {
        int[] screen = Screens.text(WIDTH, HEIGHT, 1);
        Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegImplementations.named(jpeg));
        FrameUpdate update = session.send(screen);

        assertEquals(0, Session.count(update, TileEncoding.JPEG), () -> "text went lossy: " + update.tiles());
        assertTrue(Session.count(update, TileEncoding.PALETTE) > 0);
        assertArrayEquals(screen, session.picture());
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void flatUserInterfaceIsSentLossless(String jpeg) {
        int[] screen = Screens.ui(WIDTH, HEIGHT, 2);
        Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegImplementations.named(jpeg));
        FrameUpdate update = session.send(screen);

        assertEquals(0, Session.count(update, TileEncoding.JPEG));
        assertTrue(Session.count(update, TileEncoding.SOLID) > 0);
        assertArrayEquals(screen, session.picture());
        assertTrue(Session.bytes(update) < WIDTH * HEIGHT / 8, () -> Session.bytes(update) + " bytes");
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void photoIsSentAsJpegWithinTolerance(String jpeg) {
        int[] screen = Screens.photo(WIDTH, HEIGHT, 3);
        Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegImplementations.named(jpeg));
        FrameUpdate update = session.send(screen);

        assertTrue(Session.count(update, TileEncoding.JPEG) > 0);
        assertTilesDecoded(update, screen, session.picture());
        assertTrue(Session.bytes(update) < WIDTH * HEIGHT * 3 / 4, () -> Session.bytes(update) + " bytes");
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void solidScreenIsAFewSolidTiles(String jpeg) {
        int[] screen = Screens.solid(WIDTH, HEIGHT, 0x336699);
        Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegImplementations.named(jpeg));
        FrameUpdate update = session.send(screen);

        // all tiles merge into one
        assertEquals(List.of(new Tile(0, 0, WIDTH, HEIGHT, TileEncoding.SOLID, new byte[]{0x33, 0x66, (byte) 0x99})),
                update.tiles());
        assertArrayEquals(screen, session.picture());
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void mixedScreenChoosesPerTile(String jpeg) {
        int[] screen = Screens.ui(WIDTH, HEIGHT, 4);
        Screens.paste(screen, WIDTH, Screens.photo(320, 240, 5), 320, 50, 60);
        Screens.paste(screen, WIDTH, Screens.text(300, 200, 6), 300, 450, 350);
        Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegImplementations.named(jpeg));
        FrameUpdate update = session.send(screen);

        assertTrue(Session.count(update, TileEncoding.JPEG) > 0);
        assertTrue(Session.count(update, TileEncoding.PALETTE) > 0);
        assertTrue(Session.count(update, TileEncoding.SOLID) > 0);
        assertTilesDecoded(update, screen, session.picture());
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void losslessSettingNeverSendsJpeg(String jpeg) {
        int[] screen = Screens.photo(WIDTH, HEIGHT, 7);
        Session session = new Session(WIDTH, HEIGHT, new EncoderSettings(70, false, true),
                JpegImplementations.named(jpeg));
        FrameUpdate update = session.send(screen);

        assertEquals(0, Session.count(update, TileEncoding.JPEG));
        assertArrayEquals(screen, session.picture());
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void readsADirectBufferWithPaddedRows(String jpeg) {
        int width = 203;
        int height = 131;
        int[] screen = Screens.text(width, height, 8);
        ScreenEncoder encoder = new ScreenEncoder(width, height, EncoderSettings.defaults(),
                JpegImplementations.named(jpeg));
        ScreenDecoder decoder = new ScreenDecoder(width, height, JpegImplementations.named(jpeg));

        decoder.apply(encoder.encode(Screens.direct(screen, width, 21), width + 21, List.of(), 0));
        assertArrayEquals(screen, decoder.pixels());

        screen[5 * width + 200] = 0x00FF00;
        FrameUpdate update = encoder.encode(Screens.direct(screen, width, 21), width + 21,
                List.of(Region.screen(width, height)), 0);
        assertEquals(List.of(new Region(200, 5, 1, 1)),
                update.tiles().stream().map(t -> new Region(t.x(), t.y(), t.width(), t.height())).toList());
        decoder.apply(update);
        assertArrayEquals(screen, decoder.pixels());
    }

    /** Lossless tiles exactly, JPEG tiles within the tolerance (a first frame has no COPY, so tiles do not overlap). */
    static void assertTilesDecoded(FrameUpdate update, int[] expected, int[] actual) {
        for (Tile tile : update.tiles()) {
            if (tile.encoding() == TileEncoding.JPEG) {
                double error = Screens.meanAbsoluteError(expected, actual, WIDTH, tile.x(), tile.y(), tile.width(),
                        tile.height());
                assertTrue(error < JPEG_TOLERANCE, () -> tile + " has a mean error of " + error);
            } else {
                assertTrue(Screens.equalIn(expected, actual, WIDTH, tile.x(), tile.y(), tile.width(), tile.height()),
                        () -> tile + " is not exact");
            }
        }
    }
}
