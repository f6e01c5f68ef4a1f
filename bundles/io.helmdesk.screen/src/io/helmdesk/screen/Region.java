package io.helmdesk.screen;

/**
 * A rectangle of the screen in pixels.
 *
 * @param x left edge, at least 0
 * @param y top edge, at least 0
 * @param width at least 0; 0 for an empty region
 * @param height at least 0; 0 for an empty region
 */
public record Region(int x, int y, int width, int height) {

    /** Nothing. */
    public static final Region EMPTY = new Region(0, 0, 0, 0);

    public Region {
        if (x < 0 || y < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("Region " + width + "x" + height + "+" + x + "+" + y
                    + " has a negative coordinate or size");
        }
    }

    /** The whole of a screen of this size. */
    public static Region screen(int width, int height) {
        return new Region(0, 0, width, height);
    }

    public boolean isEmpty() {
        return width == 0 || height == 0;
    }

    /** The smallest region that holds both; an empty region adds nothing. */
    public Region union(Region other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        int left = Math.min(x, other.x);
        int top = Math.min(y, other.y);
        int right = Math.max(x + width, other.x + other.width);
        int bottom = Math.max(y + height, other.y + other.height);
        return new Region(left, top, right - left, bottom - top);
    }
}
