package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.screen.internal.JpegCodecs;

/**
 * Photo-like parts go as JPEG while they change; once they stand still for a second the encoder sends them again
 * losslessly, a few tiles per otherwise empty frame, until the viewer's picture equals the screen.
 */
class LosslessRefreshTest {

    private static final int WIDTH = 640;
    private static final int HEIGHT = 384;
    private static final long SECOND = 1_000_000_000L;

    private final Session session = new Session(WIDTH, HEIGHT, EncoderSettings.defaults(), JpegCodecs.best());

    @Test
    void aStillPhotoBecomesExactAfterASecondAndStaysQuietAfterwards() {
        int[] screen = Screens.solid(WIDTH, HEIGHT, 0x204060);
        Screens.paste(screen, WIDTH, Screens.photo(512, 256, 5), 512, 64, 64);
        FrameUpdate first = session.send(screen, List.of(Region.screen(WIDTH, HEIGHT)), 0);
        assertTrue(Session.count(first, TileEncoding.JPEG) > 0, "the photo goes as JPEG first");
        assertFalse(java.util.Arrays.equals(screen, session.picture()), "JPEG is an approximation");

        assertEquals(List.of(), session.send(screen, List.of(), SECOND / 2).tiles(), "not before a second");

        int refiningFrames = 0;
        int refinedTiles = 0;
        long now = SECOND + 1;
        while (true) {
            FrameUpdate refinement = session.send(screen, List.of(), now);
            if (refinement.tiles().isEmpty()) {
                break;
            }
            refiningFrames++;
            refinedTiles += refinement.tiles().size();
            int bytes = refinement.tiles().stream().mapToInt(tile -> tile.data().length).sum();
            assertTrue(refinement.tiles().size() <= 16, "a few tiles per frame: " + refinement.tiles().size());
            assertTrue(refinement.tiles().size() == 1 || bytes < 32 * 1024 + 64 * 64 * 3 + 64,
                    "a refining frame stays small: " + bytes + " bytes");
            assertEquals(0, Session.count(refinement, TileEncoding.JPEG), "refinement is lossless");
            now += SECOND / 100;
        }
        // The photo covers 8x4 tiles of 64 at (64, 64): each is sent again once, over several frames.
        assertEquals(32, refinedTiles);
        assertTrue(refiningFrames >= 2, "spread over frames: " + refiningFrames);
        assertArrayEquals(screen, session.picture(), "the viewer's picture is now exact");
        assertEquals(List.of(), session.send(screen, List.of(), now + 10 * SECOND).tiles(), "nothing more to refine");
    }

    @Test
    void aPictureThatKeepsChangingIsNotRefinedWhileItChanges() {
        int[] screen = Screens.solid(WIDTH, HEIGHT, 0xFFFFFF);
        long now = 0;
        for (int frame = 0; frame < 30; frame++) {
            Screens.paste(screen, WIDTH, Screens.photo(128, 128, frame), 128, 256, 128);
            FrameUpdate update = session.send(screen, List.of(new Region(256, 128, 128, 128)), now);
            if (frame > 0) {
                assertTrue(update.tiles().stream().allMatch(tile -> tile.encoding() == TileEncoding.JPEG),
                        "frame " + frame + " re-sends the changing picture as JPEG only: " + update.tiles());
            }
            now += SECOND / 25;
        }
    }

    @Test
    void losslessContentIsNeverSentTwice() {
        int[] screen = Screens.text(WIDTH, HEIGHT, 3);
        FrameUpdate first = session.send(screen, List.of(Region.screen(WIDTH, HEIGHT)), 0);
        assertEquals(0, Session.count(first, TileEncoding.JPEG), "text goes losslessly");
        assertEquals(List.of(), session.send(screen, List.of(), 5 * SECOND).tiles());
    }

    @Test
    void aScrolledPhotoCarriesItsApproximationAndAScrolledTextDoesNot() {
        int[] screen = Screens.text(WIDTH, HEIGHT, 8);
        Screens.paste(screen, WIDTH, Screens.photo(256, 128, 9), 256, 0, 0);
        session.send(screen, List.of(Region.screen(WIDTH, HEIGHT)), 0);
        // Scroll everything up by 64 rows: the photo moves as copies of what the viewer has (approximate pixels).
        int[] scrolled = new int[WIDTH * HEIGHT];
        System.arraycopy(screen, 64 * WIDTH, scrolled, 0, (HEIGHT - 64) * WIDTH);
        System.arraycopy(Screens.text(WIDTH, 64, 10), 0, scrolled, (HEIGHT - 64) * WIDTH, 64 * WIDTH);
        FrameUpdate scroll = session.send(scrolled, List.of(Region.screen(WIDTH, HEIGHT)), SECOND / 2);
        assertTrue(Session.count(scroll, TileEncoding.COPY) > 0, "the scroll is detected");

        long now = SECOND / 2 + SECOND + 1;
        while (!session.send(scrolled, List.of(), now).tiles().isEmpty()) {
            now += SECOND / 100;
        }
        assertArrayEquals(scrolled, session.picture(), "what moved as an approximation was refined too");
    }
}
