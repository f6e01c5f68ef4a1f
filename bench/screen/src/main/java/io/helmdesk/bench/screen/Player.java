package io.helmdesk.bench.screen;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import com.sun.jna.NativeLong;

/**
 * Plays the workloads on the display through Xlib: a static dense wallpaper (the root window's background, so the X
 * server repaints what a moved or closed window uncovers without asking anybody), the latency marker, and one workload
 * at a time on top. Drawing is done by the X server from pixmaps where it can be (wallpaper, moving window, full-screen
 * pictures), so the player's own cost is small; the video and the noise are computed per frame and put with XPutImage.
 */
final class Player implements AutoCloseable {

    static final int WIDTH = 1920;
    static final int HEIGHT = 1080;
    /** The marker: 48×48 near the top right corner, where no workload draws and no agent window sits. */
    static final int MARKER_X = 1820;
    static final int MARKER_Y = 120;
    static final int MARKER_SIZE = 48;
    static final int MARKER_FLIPS_PER_SECOND = 4;
    /** The video and noise region (640×360), bottom right, clear of the marker. */
    static final int VIDEO_X = 1180;
    static final int VIDEO_Y = 640;

    enum Workload {
        IDLE("idle", "nothing changes (the marker stays still)"),
        MARKER("marker", "only the 48×48 marker flips, 4×/s"),
        SCROLL("scroll", "xterm 150×50 scrolling text, 100 lines/s"),
        MOVE("move", "a 640×480 application window moving at 30 fps"),
        FULLSCREEN("fullscreen", "a full-screen photo-like picture changing at 2 Hz"),
        VIDEO("video", "a 640×360 video-like region (camera pan + ball) at 25 fps"),
        NOISE("noise", "640×360 random noise at 25 fps");

        final String id;
        final String description;

        Workload(String id, String description) {
            this.id = id;
            this.description = description;
        }

        static Workload of(String id) {
            for (Workload workload : values()) {
                if (workload.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
                    return workload;
                }
            }
            throw new IllegalArgumentException("Unknown workload " + id);
        }
    }

    private final String displayName;
    private final Path work;
    private final MarkerProbe probe;
    private XConnection main;
    private Thread markerThread;
    private volatile NativeLong markerWindow;
    private volatile boolean markerFlipping;
    private volatile boolean running = true;
    private Thread animator;
    private volatile boolean animating;
    private Process xterm;
    private volatile long drawnFrames;
    private volatile long lateFrames;

    Player(String displayName, Path work, MarkerProbe probe) {
        this.displayName = displayName;
        this.work = work;
        this.probe = probe;
    }

    /** Sets the wallpaper and shows the marker (still). */
    void start() throws IOException, InterruptedException {
        main = new XConnection(displayName);
        int[] wallpaper = Pictures.photo(WIDTH, HEIGHT, 20261121L);
        NativeLong pixmap = main.pixmap(wallpaper, WIDTH, HEIGHT);
        Xlib.X.XSetWindowBackgroundPixmap(main.display, main.root, pixmap);
        Xlib.X.XClearWindow(main.display, main.root);
        main.sync();
        Object ready = new Object();
        markerThread = Thread.ofPlatform().name("marker").daemon().start(() -> markerLoop(ready));
        synchronized (ready) {
            while (markerWindow == null && markerThread.isAlive()) {
                ready.wait(100);
            }
        }
        if (markerWindow == null) {
            throw new IOException("The marker window could not be made");
        }
    }

    private void markerLoop(Object ready) {
        try (XConnection x = new XConnection(displayName)) {
            NativeLong window = x.window(MARKER_X, MARKER_Y, MARKER_SIZE, MARKER_SIZE, "helmdesk-bench-marker",
                    grey(MarkerProbe.LEVELS[0]));
            Xlib.X.XMapRaised(x.display, window);
            x.sync();
            synchronized (ready) {
                markerWindow = window;
                ready.notifyAll();
            }
            long period = TimeUnit.SECONDS.toNanos(1) / MARKER_FLIPS_PER_SECOND;
            long next = System.nanoTime() + period;
            int level = 0;
            while (running) {
                sleepUntil(next);
                next += period;
                if (!markerFlipping) {
                    continue;
                }
                level = (level + 1) % MarkerProbe.LEVELS.length;
                probe.flipping(level);
                Xlib.X.XSetWindowBackground(x.display, window, new NativeLong(grey(MarkerProbe.LEVELS[level])));
                Xlib.X.XClearWindow(x.display, window);
                x.sync();
                probe.flipped(System.nanoTime());
            }
        } catch (IOException e) {
            System.err.println("marker: " + e);
        }
    }

    private static int grey(int v) {
        return (v << 16) | (v << 8) | v;
    }

    /** Starts a workload (after the previous one ended). */
    void begin(Workload workload) throws IOException {
        markerFlipping = workload != Workload.IDLE;
        drawnFrames = 0;
        lateFrames = 0;
        animating = true;
        switch (workload) {
            case IDLE, MARKER -> animator = null;
            case SCROLL -> scroll();
            case MOVE -> animate("move", this::move);
            case FULLSCREEN -> animate("fullscreen", this::fullscreen);
            case VIDEO -> animate("video", x -> region(x, false));
            case NOISE -> animate("noise", x -> region(x, true));
        }
    }

    /** Frames the workload drew since it began, and how many of them were late by more than a period. */
    long drawnFrames() {
        return drawnFrames;
    }

    long lateFrames() {
        return lateFrames;
    }

    /** Ends the workload: its windows go away (the wallpaper shows again), the xterm exits. */
    void end() throws InterruptedException {
        animating = false;
        markerFlipping = false;
        if (animator != null) {
            animator.join(5000);
            animator = null;
        }
        if (xterm != null) {
            xterm.destroy();
            if (!xterm.waitFor(5, TimeUnit.SECONDS)) {
                xterm.destroyForcibly();
            }
            xterm = null;
        }
    }

    @FunctionalInterface
    private interface Animation {

        void run(XConnection x) throws IOException;
    }

    private void animate(String name, Animation animation) {
        animator = Thread.ofPlatform().name("player-" + name).daemon().start(() -> {
            try (XConnection x = new XConnection(displayName)) {
                animation.run(x);
            } catch (IOException | RuntimeException e) {
                System.err.println("player " + name + ": " + e);
            }
        });
    }

    private void raiseMarker(XConnection x) {
        Xlib.X.XRaiseWindow(x.display, markerWindow);
        x.sync();
    }

    /** Runs step(frame) at the rate until the workload ends, on absolute deadlines (a late frame is not made up). */
    private void paced(double perSecond, FrameStep step) throws IOException {
        long period = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        long next = System.nanoTime();
        long frame = 0;
        while (animating) {
            step.draw(frame++);
            drawnFrames++;
            next += period;
            long now = System.nanoTime();
            if (now > next) {
                lateFrames++;
                next = now;
            }
            sleepUntil(next);
        }
    }

    @FunctionalInterface
    private interface FrameStep {

        void draw(long frame) throws IOException;
    }

    private void move(XConnection x) throws IOException {
        int width = 640;
        int height = 480;
        NativeLong content = x.pixmap(Pictures.applicationWindow(width, height, 7), width, height);
        NativeLong window = x.window(movePosition(0)[0], movePosition(0)[1], width, height, "helmdesk-bench-move", 0);
        Xlib.X.XSetWindowBackgroundPixmap(x.display, window, content);
        Xlib.X.XMapRaised(x.display, window);
        raiseMarker(x);
        paced(30, frame -> {
            int[] at = movePosition(frame);
            Xlib.X.XMoveWindow(x.display, window, at[0], at[1]);
            x.sync();
        });
    }

    /** A Lissajous path, 13 px per frame at most, kept left of the marker and inside the screen. */
    private static int[] movePosition(long frame) {
        double t = frame / 30.0;
        int x = (int) (60 + 1000 * (0.5 - 0.5 * Math.cos(t * 2 * Math.PI / 8)));
        int y = (int) (220 + 340 * (0.5 - 0.5 * Math.cos(t * 2 * Math.PI / 5)));
        return new int[]{x, y};
    }

    private void fullscreen(XConnection x) throws IOException {
        NativeLong[] pictures = new NativeLong[3];
        for (int i = 0; i < pictures.length; i++) {
            pictures[i] = x.pixmap(Pictures.photo(WIDTH, HEIGHT, 1000 + i), WIDTH, HEIGHT);
        }
        NativeLong window = x.window(0, 0, WIDTH, HEIGHT, "helmdesk-bench-fullscreen", 0);
        Xlib.X.XSetWindowBackgroundPixmap(x.display, window, pictures[0]);
        Xlib.X.XMapRaised(x.display, window);
        raiseMarker(x);
        paced(2, frame -> {
            Xlib.X.XSetWindowBackgroundPixmap(x.display, window, pictures[(int) (frame % pictures.length)]);
            Xlib.X.XClearWindow(x.display, window);
            x.sync();
        });
    }

    private void region(XConnection x, boolean noise) throws IOException {
        int width = 640;
        int height = 360;
        NativeLong window = x.window(VIDEO_X, VIDEO_Y, width, height, "helmdesk-bench-" + (noise ? "noise" : "video"),
                0);
        Xlib.X.XMapRaised(x.display, window);
        raiseMarker(x);
        int[] pixels = new int[width * height];
        Pictures.Video video = noise ? null : new Pictures.Video(width, height, 4242);
        Pictures.Noise random = noise ? new Pictures.Noise(99) : null;
        try (XConnection.Canvas canvas = x.canvas(width, height)) {
            paced(25, frame -> {
                if (noise) {
                    random.frame(pixels);
                } else {
                    video.frame((int) frame, pixels);
                }
                canvas.put(pixels, window, 0, 0);
                x.sync();
            });
        }
    }

    /** xterm 150×50 at the left, fed 100 lines/s through a FIFO by a thread of ours. */
    private void scroll() throws IOException {
        Path fifo = work.resolve("scroll.fifo");
        Files.deleteIfExists(fifo);
        run("mkfifo", fifo.toString());
        ProcessBuilder builder = new ProcessBuilder("xterm", "-geometry", "150x50+40+80", "-title",
                "helmdesk-bench-scroll", "-bg", "#101418", "-fg", "#d8d8d0", "+sb", "-e", "cat", fifo.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("xterm.log").toFile());
        builder.environment().put("DISPLAY", displayName);
        xterm = builder.start();
        animator = Thread.ofPlatform().name("player-scroll").daemon().start(() -> {
            Random random = new Random(5);
            String[] words = {"INFO", "DEBUG", "WARN", "session", "frame", "tile", "encoder", "relay", "ack", "bytes",
                "connection", "capture", "damage", "region", "latency", "heartbeat", "device", "agent", "server",
                "update", "queue", "thread", "socket", "buffer", "pixels", "jpeg", "zlib", "copy", "solid", "palette"};
            try (OutputStream out = Files.newOutputStream(fifo)) {
                long[] line = {0};
                paced(100, frame -> {
                    StringBuilder text = new StringBuilder(160);
                    text.append(String.format(Locale.ROOT, "%08d %02d:%02d:%02d.%03d ", line[0]++,
                            (frame / 360000) % 24, (frame / 6000) % 60, (frame / 100) % 60, (frame % 100) * 10));
                    int length = 40 + random.nextInt(100);
                    while (text.length() < length) {
                        text.append(words[random.nextInt(words.length)]).append(random.nextInt(4) == 0 ? "=" : " ");
                        if (random.nextInt(5) == 0) {
                            text.append(Integer.toHexString(random.nextInt())).append(' ');
                        }
                    }
                    text.setLength(Math.min(text.length(), 148));
                    text.append('\n');
                    out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                });
            } catch (IOException e) {
                if (animating) {
                    System.err.println("player scroll: " + e);
                }
            }
        });
    }

    private static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).inheritIO().start();
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void sleepUntil(long deadline) {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
        }
    }

    @Override
    public void close() throws InterruptedException {
        end();
        running = false;
        if (markerThread != null) {
            markerThread.join(2000);
        }
        if (main != null) {
            main.close();
        }
    }
}
