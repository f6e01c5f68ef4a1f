package io.helmdesk.screen.internal;

/**
 * A rectangle of the new frame that equals the model's pixels {@code (dx, dy)} away, sent as COPY.
 *
 * @param x destination left edge
 * @param y destination top edge
 * @param width width
 * @param height height
 * @param dx destination x minus source x
 * @param dy destination y minus source y
 */
record Move(int x, int y, int width, int height, int dx, int dy) {

    int sourceX() {
        return x - dx;
    }

    int sourceY() {
        return y - dy;
    }
}
