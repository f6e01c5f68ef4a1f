package io.helmdesk.console.app.internal.session;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;

/**
 * Where the shown part of the remote screen lies in the canvas, and back (SES-1). The shown part is the whole virtual
 * screen or one monitor of it ({@code source}, in remote pixels). Scaled to the window, it is as large as fits with
 * its proportions kept, centred; at 1:1 it is drawn pixel for pixel, centred when smaller than the canvas and moved by
 * the scroll bars' origin when larger.
 *
 * @param source the shown rectangle of the remote virtual screen
 * @param canvasWidth the canvas's client area
 * @param canvasHeight the canvas's client area
 * @param fit scaled to the window, or 1:1
 * @param originX at 1:1, the first shown column of the source (the horizontal scroll bar's value)
 * @param originY at 1:1, the first shown row of the source
 */
record ViewGeometry(Rectangle source, int canvasWidth, int canvasHeight, boolean fit, int originX, int originY) {

    /** Remote pixels per canvas pixel: 1 at 1:1. */
    double scale() {
        if (!fit || source.width == 0 || source.height == 0 || canvasWidth <= 0 || canvasHeight <= 0) {
            return 1;
        }
        return Math.min(canvasWidth / (double) source.width, canvasHeight / (double) source.height);
    }

    /** Where the source is drawn in the canvas; at 1:1 it may reach beyond the canvas. */
    Rectangle destination() {
        double scale = scale();
        int width = fit ? (int) Math.round(source.width * scale) : source.width;
        int height = fit ? (int) Math.round(source.height * scale) : source.height;
        int x = width <= canvasWidth ? (canvasWidth - width) / 2 : -clamp(originX, 0, width - canvasWidth);
        int y = height <= canvasHeight ? (canvasHeight - height) / 2 : -clamp(originY, 0, height - canvasHeight);
        return new Rectangle(x, y, width, height);
    }

    /**
     * The remote pixel under a canvas point, kept inside the source: a drag that leaves the picture holds the remote
     * pointer at its edge.
     */
    Point toRemote(int canvasX, int canvasY) {
        Rectangle destination = destination();
        double scale = scale();
        int x = source.x + (int) Math.floor((canvasX - destination.x) / scale);
        int y = source.y + (int) Math.floor((canvasY - destination.y) / scale);
        return new Point(clamp(x, source.x, source.x + source.width - 1),
                clamp(y, source.y, source.y + source.height - 1));
    }

    /** Whether a canvas point lies on the picture. */
    boolean onPicture(int canvasX, int canvasY) {
        return destination().contains(canvasX, canvasY);
    }

    /**
     * The canvas rectangle that shows a remote rectangle, rounded outwards so that a redraw covers every canvas pixel
     * the scaled picture blends from it; empty when it is outside the source.
     */
    Rectangle toCanvas(int remoteX, int remoteY, int width, int height) {
        Rectangle shown = source.intersection(new Rectangle(remoteX, remoteY, width, height));
        if (shown.isEmpty()) {
            return new Rectangle(0, 0, 0, 0);
        }
        Rectangle destination = destination();
        double scale = scale();
        int left = destination.x + (int) Math.floor((shown.x - source.x) * scale) - 1;
        int top = destination.y + (int) Math.floor((shown.y - source.y) * scale) - 1;
        int right = destination.x + (int) Math.ceil((shown.x + shown.width - source.x) * scale) + 1;
        int bottom = destination.y + (int) Math.ceil((shown.y + shown.height - source.y) * scale) + 1;
        return new Rectangle(left, top, right - left, bottom - top);
    }

    private static int clamp(int value, int low, int high) {
        return Math.max(low, Math.min(high, value));
    }
}
