package io.helmdesk.agent.desktop;

/** A rectangle of the screen, in pixels. */
public record Region(int x, int y, int width, int height) {

    public Region {
        if (width < 0 || height < 0) {
            throw new IllegalArgumentException("negative size " + width + "x" + height);
        }
    }

    /** Whether this rectangle covers every pixel of {@code other}. */
    public boolean contains(Region other) {
        return other.x >= x && other.y >= y && other.x + other.width <= x + width
                && other.y + other.height <= y + height;
    }
}
