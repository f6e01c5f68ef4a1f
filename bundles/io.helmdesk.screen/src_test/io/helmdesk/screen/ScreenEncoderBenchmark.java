package io.helmdesk.screen;

import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.screen.internal.JpegCodec;
import io.helmdesk.screen.internal.JpegCodecs;

/**
 * Encode times on 1920×1080 workloads, for each JPEG implementation. Not a test: run it by hand, on a quiet machine,
 * and compare figures of one run. Frames come from a direct buffer, as the capture hands them out; preparing a frame
 * is not timed.
 */
public final class ScreenEncoderBenchmark {

    private static final int WIDTH = 1920;

    private static final int HEIGHT = 1080;

    private static final int FPS = 30;

    private final IntBuffer capture = Screens.direct(new int[WIDTH * HEIGHT], WIDTH, 0);

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        List<JpegCodec> codecs = new ArrayList<>();
        JpegCodec turbo = JpegCodecs.turboJpegOrNull();
        if (turbo != null) {
            codecs.add(turbo);
        } else {
            System.out.println("libturbojpeg does not load: ImageIO only");
        }
        codecs.add(JpegCodecs.imageIo());
        for (JpegCodec codec : codecs) {
            System.out.println("== JPEG through " + codec.name() + ", " + rounds + " rounds, median (p90)");
            new ScreenEncoderBenchmark().run(codec, rounds);
        }
    }

    private void run(JpegCodec jpeg, int rounds) {
        int[] desktop = desktop();
        int[] desktopMarked = desktop.clone();
        for (int y = 500; y < 548; y++) {
            Arrays.fill(desktopMarked, y * WIDTH + 900, y * WIDTH + 948, 0xFF2020);
        }
        List<Region> full = List.of(Region.screen(WIDTH, HEIGHT));

        ScreenEncoder encoder = new ScreenEncoder(WIDTH, HEIGHT, EncoderSettings.defaults(), jpeg);
        measure("full frame (desktop: photo wallpaper, windows, text)", rounds, i -> {
            load(desktop);
            encoder.refresh();
        }, () -> encoder.encode(capture, WIDTH, full, 0));

        ScreenDecoder decoder = new ScreenDecoder(WIDTH, HEIGHT, jpeg);
        encoder.refresh();
        load(desktop);
        FrameUpdate first = encoder.encode(capture, WIDTH, full, 0);
        measure("  decoding that full frame", rounds, i -> {
        }, () -> {
            decoder.apply(first);
            return first;
        });

        measure("unchanged frame, full-screen hint", rounds, i -> load(desktop),
                () -> encoder.encode(capture, WIDTH, full, 0));
        measure("48x48 marker flips, full-screen hint", rounds, i -> load(i % 2 == 0 ? desktopMarked : desktop),
                () -> encoder.encode(capture, WIDTH, full, 0));
        List<Region> marker = List.of(new Region(900, 500, 48, 48));
        measure("48x48 marker flips, exact hint", rounds, i -> load(i % 2 == 0 ? desktopMarked : desktop),
                () -> encoder.encode(capture, WIDTH, marker, 0));

        for (int lines : new int[]{1, 3}) {
            int[] terminal = Screens.text(WIDTH, HEIGHT + frames(rounds) * lines * Screens.LINE_HEIGHT, 5);
            ScreenEncoder scrolling = new ScreenEncoder(WIDTH, HEIGHT, EncoderSettings.defaults(), jpeg);
            loadWindow(terminal, WIDTH, 0);
            scrolling.encode(capture, WIDTH, full, 0);
            measure("full-screen terminal scrolls " + lines + " line(s) per frame", rounds,
                    i -> loadWindow(terminal, WIDTH, (i + 1) * lines * Screens.LINE_HEIGHT),
                    () -> scrolling.encode(capture, WIDTH, full, 0));
        }

        int[] wallpaper = Screens.wallpaper(WIDTH, HEIGHT);
        int[] xterm = Screens.text(800, 600 + frames(rounds) * 3 * Screens.LINE_HEIGHT, 6);
        ScreenEncoder windowed = new ScreenEncoder(WIDTH, HEIGHT, EncoderSettings.defaults(), jpeg);
        int[] frame = wallpaper.clone();
        load(frame);
        windowed.encode(capture, WIDTH, full, 0);
        List<Region> terminalArea = List.of(new Region(300, 200, 800, 600));
        measure("800x600 terminal on the wallpaper scrolls 3 lines per frame", rounds, i -> {
            int offset = (i + 1) * 3 * Screens.LINE_HEIGHT;
            Screens.paste(frame, WIDTH, Arrays.copyOfRange(xterm, offset * 800, (offset + 600) * 800), 800, 300, 200);
            load(frame);
        }, () -> windowed.encode(capture, WIDTH, terminalArea, 0));

        int[] window = Screens.photo(640, 480, 7);
        for (boolean motion : new boolean[]{true, false}) {
            ScreenEncoder moving = new ScreenEncoder(WIDTH, HEIGHT, new EncoderSettings(70, true, motion), jpeg);
            int[] moved = wallpaper.clone();
            Screens.paste(moved, WIDTH, window, 640, 100, 100);
            load(moved);
            moving.encode(capture, WIDTH, full, 0);
            int[] position = {100, 100};
            List<Region> damage = new ArrayList<>();
            measure("640x480 photo window moves by (13, 7) per frame" + (motion ? "" : ", motion detection off"),
                    rounds, i -> {
                        int x = 100 + (i + 1) * 13 % 1100;
                        int y = 100 + (i + 1) * 7 % 500;
                        damage.clear();
                        damage.add(new Region(position[0], position[1], 640, 480));
                        damage.add(new Region(x, y, 640, 480));
                        int[] next = wallpaper.clone();
                        Screens.paste(next, WIDTH, window, 640, x, y);
                        load(next);
                        position[0] = x;
                        position[1] = y;
                    }, () -> moving.encode(capture, WIDTH, damage, 0));
        }

        ScreenEncoder swapping = new ScreenEncoder(WIDTH, HEIGHT, EncoderSettings.defaults(), jpeg);
        int[] other = Screens.photo(WIDTH, HEIGHT, 8);
        load(wallpaper);
        swapping.encode(capture, WIDTH, full, 0);
        measure("full-screen image swap", rounds, i -> load(i % 2 == 0 ? other : wallpaper),
                () -> swapping.encode(capture, WIDTH, full, 0));
    }

    private void load(int[] frame) {
        capture.put(0, frame);
    }

    private void loadWindow(int[] tall, int width, int topRow) {
        capture.put(0, tall, topRow * width, WIDTH * HEIGHT);
    }

    private interface Encode {

        FrameUpdate run();
    }

    private static int warmUp(int rounds) {
        return Math.max(3, rounds / 4);
    }

    /** Frames prepared in one measurement, warm-up included. */
    private static int frames(int rounds) {
        return warmUp(rounds) + rounds + 1;
    }

    private static void measure(String name, int rounds, IntConsumer prepare, Encode encode) {
        int warmUp = warmUp(rounds);
        long[] nanos = new long[rounds];
        long[] bytes = new long[rounds];
        long copies = 0;
        for (int i = -warmUp; i < rounds; i++) {
            prepare.accept(i + warmUp);
            long start = System.nanoTime();
            FrameUpdate update = encode.run();
            long elapsed = System.nanoTime() - start;
            if (i >= 0) {
                nanos[i] = elapsed;
                bytes[i] = Session.bytes(update);
                copies += Session.count(update, TileEncoding.COPY);
            }
        }
        Arrays.sort(nanos);
        long[] sortedBytes = bytes.clone();
        Arrays.sort(sortedBytes);
        long median = sortedBytes[rounds / 2];
        System.out.printf("%-70s %7.2f ms (%6.2f)  %8.1f KB/frame  %8.1f KB/s at %d fps  %.1f COPY/frame%n", name,
                nanos[rounds / 2] / 1e6, nanos[rounds * 9 / 10] / 1e6, median / 1024.0, median * FPS / 1024.0, FPS,
                copies / (double) rounds);
    }

    /** A desktop: photo wallpaper, flat windows, a terminal and a photo viewer. */
    private static int[] desktop() {
        int[] screen = Screens.wallpaper(WIDTH, HEIGHT);
        Screens.paste(screen, WIDTH, Screens.ui(900, 700, 3), 900, 60, 40);
        Screens.paste(screen, WIDTH, Screens.text(800, 500, 4), 800, 1000, 80);
        Screens.paste(screen, WIDTH, Screens.photo(640, 400, 5), 640, 1100, 620);
        return screen;
    }
}
