package io.helmdesk.console.app.internal.session;

import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;

import io.helmdesk.protocol.message.CursorPosition;
import io.helmdesk.protocol.message.CursorShape;
import io.helmdesk.screen.CursorImages;
import io.helmdesk.screen.Region;
import io.helmdesk.screen.ScreenDecoder;

/**
 * The remote screen as the session's windows draw it (SES-1): one image of the whole virtual screen, shared by every
 * window of the session, and the remote pointer. A frame changes only its changed rectangle: those decoded pixels
 * become a small image drawn into the picture, never a new image of the whole screen. UI thread only, except
 * {@link #copy}, which runs wherever the decoded screen is read.
 */
final class RemotePicture {

    private static final PaletteData RGB = new PaletteData(0xFF0000, 0xFF00, 0xFF);

    private final Display display;
    private Image screen;
    private int width;
    private int height;
    private Image cursor;
    private CursorShape cursorShape;
    private CursorPosition cursorPosition;

    RemotePicture(Display display) {
        this.display = display;
    }

    /** Pixels of the decoded screen, ready for the UI thread: where they go, and the screen's size then. */
    record Piece(int screenWidth, int screenHeight, int x, int y, ImageData pixels) {
    }

    /**
     * Copies a rectangle of the decoded screen (the whole screen when its size is not the picture's) while the
     * decoder does not change; null when the rectangle is outside the screen.
     */
    static Piece copy(ScreenDecoder decoder, Region changed, int pictureWidth, int pictureHeight) {
        int screenWidth = decoder.width();
        int screenHeight = decoder.height();
        Rectangle area = screenWidth == pictureWidth && screenHeight == pictureHeight
                ? new Rectangle(changed.x(), changed.y(), changed.width(), changed.height())
                        .intersection(new Rectangle(0, 0, screenWidth, screenHeight))
                : new Rectangle(0, 0, screenWidth, screenHeight);
        if (area.isEmpty()) {
            return null;
        }
        int[] pixels = decoder.pixels();
        int bytesPerLine = (area.width * 3 + 3) & ~3;
        byte[] data = new byte[bytesPerLine * area.height];
        for (int row = 0; row < area.height; row++) {
            int from = (area.y + row) * screenWidth + area.x;
            int to = row * bytesPerLine;
            for (int column = 0; column < area.width; column++) {
                int pixel = pixels[from + column];
                data[to++] = (byte) (pixel >> 16);
                data[to++] = (byte) (pixel >> 8);
                data[to++] = (byte) pixel;
            }
        }
        return new Piece(screenWidth, screenHeight, area.x, area.y,
                new ImageData(area.width, area.height, 24, RGB, 4, data));
    }

    /**
     * Draws copied pixels into the picture; a new screen size starts a new, black picture first.
     *
     * @return whether the size changed (the windows then lay themselves out again)
     */
    boolean draw(Piece piece) {
        boolean resized = piece.screenWidth() != width || piece.screenHeight() != height || screen == null;
        if (resized) {
            resize(piece.screenWidth(), piece.screenHeight());
        }
        Image pixels = new Image(display, piece.pixels());
        try {
            GC gc = new GC(screen);
            try {
                gc.drawImage(pixels, piece.x(), piece.y());
            } finally {
                gc.dispose();
            }
        } finally {
            pixels.dispose();
        }
        return resized;
    }

    /**
     * A new screen size (a new display layout): black until frames arrive.
     *
     * @throws org.eclipse.swt.SWTError when this computer cannot make a picture that large; the current one then stays as it is
     */
    void resize(int newWidth, int newHeight) {
        if (screen != null && newWidth == width && newHeight == height) {
            return;
        }
        Image next = new Image(display, newWidth, newHeight);
        if (screen != null) {
            screen.dispose();
        }
        width = newWidth;
        height = newHeight;
        screen = next;
        GC gc = new GC(screen);
        try {
            gc.setBackground(display.getSystemColor(org.eclipse.swt.SWT.COLOR_BLACK));
            gc.fillRectangle(0, 0, newWidth, newHeight);
        } finally {
            gc.dispose();
        }
    }

    /** The picture; null before the first layout. */
    Image screen() {
        return screen;
    }

    int width() {
        return width;
    }

    int height() {
        return height;
    }

    /** The pointer's new picture, with straight alpha. */
    void cursorShape(CursorShape shape) {
        if (cursor != null) {
            cursor.dispose();
        }
        cursorShape = shape;
        int[] argb = CursorImages.toArgb(shape);
        ImageData data = new ImageData(shape.width(), shape.height(), 24, RGB);
        byte[] alpha = new byte[argb.length];
        for (int i = 0; i < argb.length; i++) {
            data.setPixel(i % shape.width(), i / shape.width(), argb[i] & 0xFFFFFF);
            alpha[i] = (byte) (argb[i] >>> 24);
        }
        data.alphaData = alpha;
        cursor = new Image(display, data);
    }

    void cursorMoved(CursorPosition position) {
        cursorPosition = position;
    }

    /** Where the pointer's picture lies on the remote screen, hot spot applied; null when it is not to be drawn. */
    Rectangle cursorBounds() {
        if (cursor == null || cursorPosition == null || !cursorPosition.visible()) {
            return null;
        }
        return new Rectangle(cursorPosition.x() - cursorShape.hotX(), cursorPosition.y() - cursorShape.hotY(),
                cursorShape.width(), cursorShape.height());
    }

    Image cursor() {
        return cursor;
    }

    CursorShape cursorShape() {
        return cursorShape;
    }

    /** The remote pointer's position, or null before the first. */
    CursorPosition cursorPosition() {
        return cursorPosition;
    }

    void dispose() {
        if (screen != null) {
            screen.dispose();
            screen = null;
        }
        if (cursor != null) {
            cursor.dispose();
            cursor = null;
        }
    }
}
