package io.helmdesk.agent.session.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.desktop.CursorImage;
import io.helmdesk.agent.desktop.DesktopLostException;
import io.helmdesk.agent.desktop.Monitor;
import io.helmdesk.agent.desktop.ScreenFrame;
import io.helmdesk.agent.desktop.ScreenSource;
import io.helmdesk.protocol.message.CursorPosition;
import io.helmdesk.protocol.message.DisplayLayout;
import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.screen.CursorImages;
import io.helmdesk.screen.EncoderSettings;
import io.helmdesk.screen.FramePacer;
import io.helmdesk.screen.Region;
import io.helmdesk.screen.ScreenEncoder;
import io.helmdesk.session.MessageSender;

/**
 * The screen of a session, on a thread of its own: captures when the viewer has acknowledged enough frames (so a slow
 * link gets fewer, fresher frames, never a queue), encodes the changed parts and sends them; sends the cursor's shape
 * and position as they change, never painted into the frames. Between captures it waits for the screen to change
 * ({@link ScreenSource#awaitChange}: on X11 the server's damage event ends the wait), so a change reaches the viewer
 * within a few milliseconds and an idle screen costs a capture of the pointer every 20 ms or so.
 */
final class ScreenStreamer implements Runnable {

    /** At least this long between two captures, and between two looks at the pacer while it waits for the viewer. */
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(4);
    /**
     * The longest wait for the screen to change (a source told of drawing ends it at once): the pointer, which draws
     * nothing, is looked at this often while nothing else happens.
     */
    private static final long IDLE_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

    private final Logger logger = LoggerFactory.getLogger(ScreenStreamer.class);
    private final ScreenSource screen;
    private final MessageSender viewer;
    private final FramePacer pacer = new FramePacer();
    private final String sessionId;
    private final Thread thread;
    private final Runnable onLost;
    private volatile boolean running = true;
    private volatile boolean refresh;
    private ScreenEncoder encoder;
    /** Frames sent on the session so far: frame n is the n-th sent. */
    private long framesSent;
    private long cursorSerial = Long.MIN_VALUE;
    private int cursorX = -1;
    private int cursorY = -1;

    ScreenStreamer(String sessionId, ScreenSource screen, MessageSender viewer, Runnable onLost) {
        this.sessionId = sessionId;
        this.screen = screen;
        this.viewer = viewer;
        this.onLost = onLost;
        this.thread = Thread.ofPlatform().name("session-screen-" + sessionId).daemon().unstarted(this);
    }

    void start() {
        thread.start();
    }

    /** The viewer drew a frame. */
    void acknowledged(long frameId) {
        if (!pacer.acknowledged(frameId, System.nanoTime())) {
            logger.warn("Session {}: the viewer acknowledged frame {}, which was not sent; ignored", sessionId,
                    frameId);
            return;
        }
        LockSupport.unpark(thread);
    }

    /** The next frame carries the whole screen again (e.g. the viewer lost its picture). */
    void refresh() {
        refresh = true;
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (pacer.mayCapture()) {
                    step();
                    LockSupport.parkNanos(POLL_NANOS);
                    if (running && pacer.mayCapture()) {
                        screen.awaitChange(IDLE_NANOS);
                    }
                } else {
                    LockSupport.parkNanos(POLL_NANOS); // an acknowledgement ends it early
                }
            }
        } catch (DesktopLostException e) {
            logger.warn("The screen went away: {}", e.getMessage());
            onLost.run();
        } catch (RuntimeException e) {
            logger.error("The screen of the session failed", e);
            onLost.run();
        }
    }

    private void step() {
        long capturedAt = System.nanoTime();
        ScreenFrame frame = screen.capture();
        if (encoder == null || frame.resized() || encoder.width() != frame.width()
                || encoder.height() != frame.height()) {
            layout(frame);
        }
        if (refresh) {
            refresh = false;
            encoder.refresh();
        }
        List<Region> damage = new ArrayList<>(frame.damage().size());
        for (io.helmdesk.agent.desktop.Region region : frame.damage()) {
            damage.add(new Region(region.x(), region.y(), region.width(), region.height()));
        }
        int quality = pacer.suggestedQuality();
        if (quality != encoder.settings().jpegQuality()) {
            encoder.settings(encoder.settings().withJpegQuality(quality));
        }
        FrameUpdate update = encoder.encode(frame.pixels(), frame.stride(), damage, capturedAt);
        if (!update.tiles().isEmpty()) {
            // The viewer counts the frames too, and acknowledges by that number. Recorded before it goes out: the
            // acknowledgement may come back before send returns. A send refused means the session is ending.
            pacer.sent(++framesSent, bytes(update), System.nanoTime());
            viewer.send(update);
        }
        cursor();
    }

    private void layout(ScreenFrame frame) {
        if (encoder == null) {
            encoder = new ScreenEncoder(frame.width(), frame.height(), EncoderSettings.defaults());
            logger.info("Screen {}x{}, JPEG by {}", frame.width(), frame.height(), encoder.jpegImplementation());
        } else {
            encoder.resize(frame.width(), frame.height());
        }
        List<DisplayLayout.Monitor> monitors = new ArrayList<>();
        for (Monitor monitor : screen.monitors()) {
            // Monitors reaching past the captured picture are clipped to it: frames never cover more.
            int x = Math.clamp(monitor.x(), 0, frame.width() - 1);
            int y = Math.clamp(monitor.y(), 0, frame.height() - 1);
            monitors.add(new DisplayLayout.Monitor(monitor.id(), x, y,
                    Math.max(1, Math.min(monitor.width(), frame.width() - x)),
                    Math.max(1, Math.min(monitor.height(), frame.height() - y)), monitor.primary(), monitor.name()));
        }
        if (monitors.isEmpty()) {
            monitors.add(new DisplayLayout.Monitor(0, 0, 0, frame.width(), frame.height(), true, ""));
        }
        viewer.send(new DisplayLayout(frame.width(), frame.height(), monitors));
    }

    private void cursor() {
        Optional<CursorImage> current = screen.cursor();
        if (current.isEmpty()) {
            return;
        }
        CursorImage cursor = current.get();
        if (cursor.serial() != cursorSerial && cursor.width() > 0 && cursor.height() > 0) {
            cursorSerial = cursor.serial();
            viewer.send(CursorImages.toShape(cursor.serial(), cursor.hotX(), cursor.hotY(), cursor.width(),
                    cursor.height(), cursor.argb(), false));
        }
        if (cursor.x() != cursorX || cursor.y() != cursorY) {
            cursorX = cursor.x();
            cursorY = cursor.y();
            viewer.send(new CursorPosition(Math.clamp(cursorX, 0, 0xFFFF), Math.clamp(cursorY, 0, 0xFFFF), true));
        }
    }

    /** About the frame's size on the wire, for the pacer's rate: the headers are varints of a few bytes each. */
    private static int bytes(FrameUpdate update) {
        int bytes = 4 + 1;
        for (FrameUpdate.Tile tile : update.tiles()) {
            bytes += 8 + tile.data().length;
        }
        return bytes;
    }
}
