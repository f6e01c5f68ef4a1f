package io.helmdesk.protocol.message;

import java.util.List;
import java.util.Objects;

/**
 * The agent's screen: the size of the whole virtual screen that frame updates cover, and its monitors inside it. Sent
 * when a session starts and whenever the layout changes; frames that follow use the new size.
 *
 * @param width of the virtual screen in pixels, 1 to {@link Limits#IMAGE_DIMENSION}
 * @param height of the virtual screen in pixels, 1 to {@link Limits#IMAGE_DIMENSION}
 * @param monitors 1 to {@link Limits#MONITORS} monitors, each inside the virtual screen
 */
public record DisplayLayout(int width, int height, List<Monitor> monitors) implements Message {

    /**
     * One monitor.
     *
     * @param id stable while the layout does not change
     * @param x left edge in the virtual screen
     * @param y top edge in the virtual screen
     * @param width in pixels, at least 1
     * @param height in pixels, at least 1
     * @param primary whether the system calls it the primary monitor
     * @param name e.g. {@code DP-1}; may be empty
     */
    public record Monitor(int id, int x, int y, int width, int height, boolean primary, String name) {

        public Monitor {
            Checks.range("monitor id", id, 0, 0xFFFF);
            Checks.range("monitor x", x, 0, Limits.IMAGE_DIMENSION - 1);
            Checks.range("monitor y", y, 0, Limits.IMAGE_DIMENSION - 1);
            Checks.range("monitor width", width, 1, Limits.IMAGE_DIMENSION);
            Checks.range("monitor height", height, 1, Limits.IMAGE_DIMENSION);
            Checks.text("monitor name", name, Limits.NAME_BYTES);
        }
    }

    public DisplayLayout {
        Checks.range("width", width, 1, Limits.IMAGE_DIMENSION);
        Checks.range("height", height, 1, Limits.IMAGE_DIMENSION);
        Objects.requireNonNull(monitors, "monitors");
        Checks.range("monitor count", monitors.size(), 1, Limits.MONITORS);
        for (Monitor monitor : monitors) {
            if (monitor.x() + monitor.width() > width || monitor.y() + monitor.height() > height) {
                throw new IllegalArgumentException("Monitor " + monitor.id() + " reaches outside the " + width + "x"
                        + height + " screen");
            }
        }
        monitors = List.copyOf(monitors);
    }

    @Override
    public MessageType type() {
        return MessageType.DISPLAY_LAYOUT;
    }
}
