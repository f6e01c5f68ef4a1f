package io.helmdesk.agent.desktop.internal.x11;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.jna.NativeLong;

import io.helmdesk.agent.desktop.CursorImage;
import io.helmdesk.agent.desktop.DesktopLostException;
import io.helmdesk.agent.desktop.Monitor;
import io.helmdesk.agent.desktop.Region;
import io.helmdesk.agent.desktop.ScreenFrame;

/** Captures from an Xvfb of the test's own, whose screen the test draws. */
class X11ScreenSourceTest {

    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;

    private static XvfbServer xvfb;
    private static XClient client;
    private static X11Libraries libraries;

    @BeforeAll
    static void startDisplay() throws Exception {
        xvfb = XvfbServer.start(WIDTH, HEIGHT);
        client = new XClient(xvfb.display());
        libraries = X11Libraries.load();
    }

    @AfterAll
    static void stopDisplay() throws Exception {
        if (client != null) {
            client.close();
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    /** Black screen; red, green, blue and white rectangles, the blue one in the bottom-right corner. */
    private static void drawPattern() {
        client.fill(0, 0, WIDTH, HEIGHT, 0x000000);
        client.fill(10, 20, 100, 50, 0xFF0000);
        client.fill(200, 300, 64, 64, 0x00FF00);
        client.fill(WIDTH - 80, HEIGHT - 100, 80, 100, 0x0000FF);
        client.fill(640, 0, 1, 1, 0xFFFFFF);
    }

    private static void assertPattern(ScreenFrame frame) {
        assertEquals(0xFF0000, frame.rgb(10, 20));
        assertEquals(0xFF0000, frame.rgb(109, 69));
        assertEquals(0x000000, frame.rgb(110, 69));
        assertEquals(0x000000, frame.rgb(9, 20));
        assertEquals(0x00FF00, frame.rgb(200, 300));
        assertEquals(0x00FF00, frame.rgb(263, 363));
        assertEquals(0x000000, frame.rgb(264, 363));
        assertEquals(0x0000FF, frame.rgb(WIDTH - 80, HEIGHT - 100));
        assertEquals(0x0000FF, frame.rgb(WIDTH - 1, HEIGHT - 1));
        assertEquals(0x000000, frame.rgb(WIDTH - 81, HEIGHT - 1));
        assertEquals(0xFFFFFF, frame.rgb(640, 0));
        assertEquals(0x000000, frame.rgb(641, 0));
        assertEquals(0x000000, frame.rgb(0, 0));
    }

    @Test
    void capturesExactPixelsIntoTheSharedSegment() throws Exception {
        drawPattern();
        try (X11ScreenSource source = X11ScreenSource.open(libraries, xvfb.display())) {
            assertTrue(source.features().startsWith("MIT-SHM"), source.features());
            ScreenFrame frame = source.capture();
            assertEquals(WIDTH, frame.width());
            assertEquals(HEIGHT, frame.height());
            assertTrue(frame.stride() >= WIDTH);
            assertTrue(frame.pixels().isDirect(), "a view of the shared segment, not a copy");
            assertTrue(frame.pixels().isReadOnly());
            assertTrue(frame.resized(), "the first frame starts the picture");
            assertEquals(List.of(frame.bounds()), frame.damage());
            assertPattern(frame);
            int padding = frame.pixels().get(20 * frame.stride() + 10) >>> 24;
            System.out.printf("Xvfb leaves 0x%02X in the padding byte of a captured pixel%n", padding);
        }
    }

    @Test
    void reportsDamageWhereTheScreenChangedAndNoneWhereNothingDid() throws Exception {
        drawPattern();
        try (X11ScreenSource source = X11ScreenSource.open(libraries, xvfb.display())) {
            assertTrue(source.features().contains("DAMAGE"), source.features());
            ScreenFrame first = source.capture();
            assertEquals(0xFF0000, first.rgb(10, 20));

            long reads = source.imageReads();
            ScreenFrame unchanged = source.capture();
            assertFalse(unchanged.resized());
            assertEquals(List.of(), unchanged.damage(), "nothing was drawn");
            assertEquals(reads, source.imageReads(), "without damage the image is not read again");
            assertPattern(unchanged);

            Region changed = new Region(300, 200, 50, 40);
            client.fill(changed.x(), changed.y(), changed.width(), changed.height(), 0xFF00FF);
            // The server's damage event may reach the source's connection a moment after the drawing client's reply.
            source.awaitChange(TimeUnit.SECONDS.toNanos(5));
            ScreenFrame after = source.capture();
            assertCovered(changed, after.damage());
            long damagedArea = after.damage().stream().mapToLong(region -> (long) region.width() * region.height())
                    .sum();
            assertTrue(damagedArea < (long) WIDTH * HEIGHT / 10, "damage is local: " + after.damage());
            assertEquals(0xFF00FF, after.rgb(300, 200));
            assertEquals(0xFF00FF, after.rgb(349, 239));
            // The frame buffer is reused: the first frame's view shows the new pixels too.
            assertEquals(0xFF00FF, first.rgb(300, 200));

            assertEquals(List.of(), source.capture().damage(), "the damage was taken by the previous capture");

            // Applications draw in their windows, children of the root window: that is damage too.
            NativeLong window = client.window(700, 100, 100, 50);
            source.capture();
            client.fill(window, 10, 10, 20, 20, 0x00FFFF);
            source.awaitChange(TimeUnit.SECONDS.toNanos(5));
            ScreenFrame windowDrawn = source.capture();
            assertCovered(new Region(710, 110, 20, 20), windowDrawn.damage());
            assertEquals(0x00FFFF, windowDrawn.rgb(710, 110));
            client.destroy(window);
        }
    }

    @Test
    void awaitingAChangeEndsWhenSomethingIsDrawnAndNotBefore() throws Exception {
        drawPattern();
        try (X11ScreenSource source = X11ScreenSource.open(libraries, xvfb.display())) {
            source.capture();
            long quietStart = System.nanoTime();
            source.awaitChange(TimeUnit.MILLISECONDS.toNanos(400));
            assertTrue(System.nanoTime() - quietStart >= TimeUnit.MILLISECONDS.toNanos(350),
                    "nothing was drawn: the wait lasts its timeout");

            Thread drawer = Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    return;
                }
                client.fill(500, 500, 10, 10, 0x123456);
            });
            long drawnStart = System.nanoTime();
            source.awaitChange(TimeUnit.SECONDS.toNanos(20));
            long waited = System.nanoTime() - drawnStart;
            drawer.join();
            assertTrue(waited < TimeUnit.SECONDS.toNanos(10),
                    "the drawing ended the wait: " + waited / 1_000_000 + " ms");
            assertCovered(new Region(500, 500, 10, 10), source.capture().damage());
        }
    }

    @Test
    void aDrawingNotedWhileLookingAtThePointerEndsTheWaitAtOnce() throws Exception {
        drawPattern();
        try (X11ScreenSource source = X11ScreenSource.open(libraries, xvfb.display())) {
            source.capture();
            client.fill(700, 300, 12, 12, 0x654321);
            Thread.sleep(200); // the DamageNotify is on its way to the source's connection
            source.cursor(); // reads the events, the DamageNotify among them
            long start = System.nanoTime();
            source.awaitChange(TimeUnit.SECONDS.toNanos(5));
            long waited = System.nanoTime() - start;
            assertTrue(waited < TimeUnit.MILLISECONDS.toNanos(1000),
                    "the drawing was already known, yet the wait took " + waited / 1_000_000 + " ms");
            assertCovered(new Region(700, 300, 12, 12), source.capture().damage());
        }
    }

    private static void assertCovered(Region changed, List<Region> damage) {
        for (int y = changed.y(); y < changed.y() + changed.height(); y++) {
            for (int x = changed.x(); x < changed.x() + changed.width(); x++) {
                Region pixel = new Region(x, y, 1, 1);
                assertTrue(damage.stream().anyMatch(region -> region.contains(pixel)),
                        "pixel " + x + "," + y + " is not in the damage " + damage);
            }
        }
    }

    @Test
    void describesTheMonitorAndTheCursor() throws Exception {
        try (X11ScreenSource source = X11ScreenSource.open(libraries, xvfb.display())) {
            List<Monitor> monitors = source.monitors();
            assertEquals(1, monitors.size(), monitors.toString());
            Monitor monitor = monitors.get(0);
            assertEquals(new Region(0, 0, WIDTH, HEIGHT), monitor.bounds());
            assertTrue(monitor.primary());
            assertTrue(source.features().contains("RANDR"), source.features());

            client.userMoves(321, 123);
            CursorImage cursor = source.cursor().orElseThrow();
            assertEquals(321, cursor.x());
            assertEquals(123, cursor.y());
            assertTrue(cursor.width() > 0 && cursor.height() > 0);
            assertTrue(cursor.hotX() < cursor.width() && cursor.hotY() < cursor.height());
            assertTrue(Arrays.stream(cursor.argb()).anyMatch(pixel -> pixel >>> 24 == 0xFF), "some opaque pixels");
            assertTrue(Arrays.stream(cursor.argb()).anyMatch(pixel -> pixel == 0), "some transparent pixels");
            assertEquals(cursor.serial(), source.cursor().orElseThrow().serial(), "same shape, same serial");

            client.userMoves(400, 300);
            CursorImage moved = source.cursor().orElseThrow();
            assertEquals(400, moved.x());
            assertEquals(300, moved.y());
            assertEquals(cursor.serial(), moved.serial(), "moved, same shape");
            assertArrayEquals(cursor.argb(), moved.argb());

            // Over a window with another cursor the shape changes: the server says so, and the image is read again.
            NativeLong window = client.window(600, 600, 100, 100);
            client.crosshairCursor(window);
            client.userMoves(650, 650);
            XClient.await("the crosshair's shape", () -> source.cursor().orElseThrow().serial() != cursor.serial());
            CursorImage crosshair = source.cursor().orElseThrow();
            assertEquals(650, crosshair.x());
            assertEquals(650, crosshair.y());
            assertTrue(crosshair.width() != cursor.width() || crosshair.height() != cursor.height()
                    || !Arrays.equals(crosshair.argb(), cursor.argb()), "another picture");
            client.destroy(window);
        }
    }

    @Test
    void fallsBackToTheCoreProtocolWithoutSharedMemoryDamageOrRandr() throws Exception {
        try (XvfbServer plain = XvfbServer.start(WIDTH, HEIGHT, "-extension", "MIT-SHM", "-extension", "DAMAGE",
                "-extension", "RANDR"); XClient plainClient = new XClient(plain.display())) {
            plainClient.fill(0, 0, WIDTH, HEIGHT, 0x000000);
            plainClient.fill(10, 20, 100, 50, 0xFF0000);
            try (X11ScreenSource source = X11ScreenSource.open(libraries, plain.display())) {
                assertEquals("XGetImage, XFIXES cursor", source.features());
                ScreenFrame frame = source.capture();
                assertTrue(frame.pixels().isDirect());
                assertEquals(0xFF0000, frame.rgb(10, 20));
                assertEquals(0x000000, frame.rgb(110, 70));
                assertEquals(List.of(frame.bounds()), source.capture().damage(),
                        "without DAMAGE every frame is all damaged");
                assertEquals(List.of(new Monitor(0, 0, 0, WIDTH, HEIGHT, true, "screen 0")), source.monitors());
            }
        }
    }

    @Test
    void aVanishedServerEndsTheCaptureWithoutEndingTheProcess() throws Exception {
        XvfbServer doomed = XvfbServer.start(640, 480);
        X11ScreenSource source = X11ScreenSource.open(libraries, doomed.display());
        source.capture();
        doomed.kill();
        assertThrows(DesktopLostException.class, () -> {
            source.capture();
            source.capture(); // the first may still find its reply in the socket buffer
        });
        source.close();
    }

    @Test
    void measuresCaptureTimeAt1080p() throws Exception {
        measure("MIT-SHM");
        measure("XGetImage", "-extension", "MIT-SHM");
    }

    /**
     * Prints the time of a capture that reads the whole screen; never asserts on it, machines differ too much. Something
     * is drawn before each one: a capture with nothing drawn since the last reads nothing, and timing those measured
     * only the check (0.006 ms).
     */
    private static void measure(String label, String... extraArguments) throws Exception {
        try (XvfbServer large = XvfbServer.start(1920, 1080, extraArguments);
                X11ScreenSource source = X11ScreenSource.open(libraries, large.display());
                XClient drawer = new XClient(large.display())) {
            int rounds = 300;
            long[] nanos = new long[rounds];
            long readsBefore = 0;
            for (int i = -100; i < rounds; i++) { // 100 rounds to warm up (JNA's calls, the JIT)
                drawer.fill(0, 0, 8, 8, (i & 1) == 0 ? 0xFF0000 : 0x0000FF);
                source.awaitChange(TimeUnit.SECONDS.toNanos(5)); // ends as the damage event is in
                if (i == 0) {
                    readsBefore = source.imageReads();
                }
                long start = System.nanoTime();
                source.capture();
                if (i >= 0) {
                    nanos[i] = System.nanoTime() - start;
                }
            }
            assertEquals(rounds, source.imageReads() - readsBefore, "every measured capture read the screen");
            Arrays.sort(nanos);
            System.out.printf("Capture 1920x1080 through %s: median %.3f ms, p90 %.3f ms, mean %.3f ms (%d rounds)%n",
                    label, nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6,
                    Arrays.stream(nanos).average().orElseThrow() / 1e6, rounds);
        }
    }
}
