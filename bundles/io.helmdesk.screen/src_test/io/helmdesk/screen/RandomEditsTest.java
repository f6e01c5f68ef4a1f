package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.screen.internal.JpegCodecs;

/**
 * Random sequences of what desktops do (scrolls, moved windows, new content, nothing) through a lossless session:
 * after every frame the viewer's picture must equal the captured one exactly, whatever copies the encoder chose.
 */
class RandomEditsTest {

    private static final int WIDTH = 480;

    private static final int HEIGHT = 352;

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void theViewerAlwaysShowsTheCapturedFrame(long seed) {
        Random random = new Random(seed);
        int[] textures = Screens.text(WIDTH, HEIGHT, seed);
        int[] photos = Screens.photo(WIDTH, HEIGHT, seed);
        int[] screen = Screens.wallpaper(WIDTH, HEIGHT);
        Screens.paste(screen, WIDTH, Screens.text(300, 200, seed + 100), 300, 20, 30);
        Session session = new Session(WIDTH, HEIGHT, new EncoderSettings(70, false, true), JpegCodecs.best());
        session.send(screen);
        int copies = 0;
        for (int frame = 0; frame < 40; frame++) {
            List<Region> damage = new ArrayList<>();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int width = 16 + random.nextInt(WIDTH / 2);
                int height = 16 + random.nextInt(HEIGHT / 2);
                int x = random.nextInt(WIDTH - width);
                int y = random.nextInt(HEIGHT - height);
                switch (random.nextInt(5)) {
                    case 0 -> {
                        // scroll the rectangle's content by up to ±40 rows
                        int rows = random.nextInt(81) - 40;
                        screen = MotionTest.scrolled(screen, WIDTH, x, y, width, height, rows, random.nextLong());
                        damage.add(new Region(x, y, width, height));
                    }
                    case 1 -> {
                        // move the rectangle by up to ±30 pixels each way, its old place showing texture
                        int toX = clamp(x + random.nextInt(61) - 30, WIDTH - width);
                        int toY = clamp(y + random.nextInt(61) - 30, HEIGHT - height);
                        int[] moved = crop(screen, x, y, width, height);
                        paint(screen, random.nextBoolean() ? textures : photos, x, y, width, height);
                        Screens.paste(screen, WIDTH, moved, width, toX, toY);
                        damage.add(new Region(x, y, width, height));
                        damage.add(new Region(toX, toY, width, height));
                    }
                    case 2 -> {
                        paint(screen, random.nextBoolean() ? textures : photos, x, y, width, height);
                        damage.add(new Region(x, y, width, height));
                    }
                    case 3 -> {
                        int colour = random.nextInt(0x1000000);
                        for (int row = y; row < y + height; row++) {
                            java.util.Arrays.fill(screen, row * WIDTH + x, row * WIDTH + x + width, colour);
                        }
                        damage.add(new Region(x, y, width, height));
                    }
                    default -> {
                        // nothing changed, but the capture reported damage anyway
                        damage.add(new Region(x, y, width, height));
                    }
                }
            }
            FrameUpdate update = session.send(screen, random.nextBoolean()
                    ? damage
                    : List.of(Region.screen(WIDTH, HEIGHT)));
            copies += (int) Session.count(update, TileEncoding.COPY);
            assertArrayEquals(screen, session.picture(), "frame " + frame);
        }
        assertTrue(copies > 0, "no copies in 40 frames of scrolls and moves");
    }

    private static void paint(int[] screen, int[] source, int x, int y, int width, int height) {
        for (int row = y; row < y + height; row++) {
            System.arraycopy(source, row * WIDTH + x, screen, row * WIDTH + x, width);
        }
    }

    private static int[] crop(int[] screen, int x, int y, int width, int height) {
        int[] part = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(screen, (y + row) * WIDTH + x, part, row * width, width);
        }
        return part;
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }
}
