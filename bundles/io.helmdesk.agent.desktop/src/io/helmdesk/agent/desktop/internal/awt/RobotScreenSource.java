package io.helmdesk.agent.desktop.internal.awt;

import java.awt.GraphicsDevice;
import java.awt.GraphicsEnvironment;
import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.helmdesk.agent.desktop.CursorImage;
import io.helmdesk.agent.desktop.Monitor;
import io.helmdesk.agent.desktop.Region;
import io.helmdesk.agent.desktop.ScreenFrame;
import io.helmdesk.agent.desktop.ScreenSource;

/**
 * Captures through {@code java.awt.Robot}: some 70 times slower than X11 shared memory at 1080p (PERF-NOTES), a new
 * heap array per frame, no damage (every frame is all damaged), no cursor shape, and on scaled (HiDPI) screens the
 * picture is in AWT's scaled coordinates. The fallback where neither X11 nor Windows GDI is used.
 */
final class RobotScreenSource implements ScreenSource {

    private final Robot robot;
    private Rectangle bounds;
    private boolean resizedSinceCapture = true;
    private boolean closed;

    RobotScreenSource(Robot robot) {
        this.robot = robot;
        this.bounds = virtualBounds();
    }

    /** The union of every screen's bounds; its top-left is the frames' (0, 0). */
    static Rectangle virtualBounds() {
        Rectangle union = new Rectangle();
        for (GraphicsDevice device : GraphicsEnvironment.getLocalGraphicsEnvironment().getScreenDevices()) {
            union = union.isEmpty()
                    ? device.getDefaultConfiguration().getBounds()
                    : union.union(device.getDefaultConfiguration().getBounds());
        }
        return union;
    }

    @Override
    public synchronized List<Monitor> monitors() {
        checkOpen();
        GraphicsEnvironment environment = GraphicsEnvironment.getLocalGraphicsEnvironment();
        GraphicsDevice primary = environment.getDefaultScreenDevice();
        Rectangle virtual = virtualBounds();
        List<Monitor> monitors = new ArrayList<>();
        for (GraphicsDevice device : environment.getScreenDevices()) {
            Rectangle screen = device.getDefaultConfiguration().getBounds();
            monitors.add(new Monitor(monitors.size(), screen.x - virtual.x, screen.y - virtual.y, screen.width,
                    screen.height, device.equals(primary), device.getIDstring()));
        }
        return monitors;
    }

    @Override
    public synchronized int width() {
        return bounds.width;
    }

    @Override
    public synchronized int height() {
        return bounds.height;
    }

    @Override
    public synchronized ScreenFrame capture() {
        checkOpen();
        Rectangle now = virtualBounds();
        if (!now.equals(bounds)) {
            bounds = now;
            resizedSinceCapture = true;
        }
        BufferedImage shot = robot.createScreenCapture(bounds);
        int[] pixels = ((DataBufferInt) shot.getRaster().getDataBuffer()).getData();
        boolean resized = resizedSinceCapture;
        resizedSinceCapture = false;
        return new ScreenFrame(shot.getWidth(), shot.getHeight(), shot.getWidth(),
                IntBuffer.wrap(pixels).asReadOnlyBuffer(), List.of(new Region(0, 0, shot.getWidth(), shot.getHeight())),
                resized);
    }

    /** Always empty: AWT cannot read the pointer's shape. */
    @Override
    public Optional<CursorImage> cursor() {
        return Optional.empty();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the screen source is closed");
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }
}
