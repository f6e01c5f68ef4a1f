package io.helmdesk.console.app.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Display;

/**
 * The small pictures of the computers view, drawn with a GC so the console ships no image files: status dots, OS
 * icons (Windows, macOS, Linux, any other) and the favourite star. Each is drawn twice, on black and on white, and
 * the two give a transparent image with smooth edges. One instance per window; {@link #dispose()} with it.
 */
final class DeviceIcons {

    static final int SIZE = 16;

    static final RGB ONLINE = new RGB(30, 150, 65);
    static final RGB IN_SESSION = new RGB(37, 99, 235);
    static final RGB SLEEPING = new RGB(100, 125, 160);
    static final RGB OFFLINE = new RGB(150, 150, 150);
    private static final RGB STAR = new RGB(235, 170, 0);
    private static final RGB WINDOWS_BLUE = new RGB(0, 120, 212);
    private static final RGB APPLE_GREY = new RGB(85, 85, 90);
    private static final RGB TUX_ORANGE = new RGB(245, 165, 20);

    private final Display display;
    private final Map<String, Image> images = new HashMap<>();

    DeviceIcons(Display display) {
        this.display = display;
    }

    /** A dot in the status's colour. */
    Image status(String status) {
        RGB colour = statusColour(status);
        return image("status-" + colour, SIZE, (gc, background) -> {
            gc.setBackground(new Color(colour));
            gc.fillOval(3, 3, 10, 10);
        });
    }

    static RGB statusColour(String status) {
        return switch (DeviceText.statusRank(status)) {
            case 0 -> ONLINE;
            case 1 -> IN_SESSION;
            case 2 -> SLEEPING;
            default -> OFFLINE;
        };
    }

    /** The icon of an OS family, see {@link DeviceText#osFamily(String)}. */
    Image os(String family) {
        return os(family, SIZE);
    }

    /** The icon of an OS family, drawn at this size (e.g. larger on a tile without preview). */
    Image os(String family, int size) {
        return switch (family) {
            case DeviceText.WINDOWS -> image("windows", size, DeviceIcons::windows);
            case DeviceText.MACOS -> image("macos", size, DeviceIcons::apple);
            case DeviceText.LINUX -> image("linux", size, DeviceIcons::penguin);
            default -> image("computer", size, DeviceIcons::computer);
        };
    }

    /** A gold star, for favourites. */
    Image star() {
        return image("star", SIZE, (gc, background) -> {
            int[] points = new int[20];
            for (int i = 0; i < 10; i++) {
                double radius = i % 2 == 0 ? 7.5 : 3.2;
                double angle = -Math.PI / 2 + i * Math.PI / 5;
                points[2 * i] = (int) Math.round(8 + radius * Math.cos(angle));
                points[2 * i + 1] = (int) Math.round(8.6 + radius * Math.sin(angle));
            }
            gc.setBackground(new Color(STAR));
            gc.fillPolygon(points);
        });
    }

    private static void windows(GC gc, Color background) {
        gc.setBackground(new Color(WINDOWS_BLUE));
        gc.fillRectangle(1, 1, 6, 6);
        gc.fillRectangle(9, 1, 6, 6);
        gc.fillRectangle(1, 9, 6, 6);
        gc.fillRectangle(9, 9, 6, 6);
    }

    private static void apple(GC gc, Color background) {
        gc.setBackground(new Color(APPLE_GREY));
        gc.fillOval(1, 4, 8, 11);
        gc.fillOval(7, 4, 8, 11);
        gc.fillOval(3, 5, 10, 10);
        // the leaf, and the bite taken in the background's colour
        gc.fillPolygon(new int[]{8, 4, 9, 1, 12, 0, 11, 3});
        gc.setBackground(background);
        gc.fillOval(13, 6, 5, 6);
    }

    private static void penguin(GC gc, Color background) {
        gc.setBackground(new Color(30, 30, 30));
        gc.fillOval(3, 0, 10, 15);
        gc.setBackground(new Color(250, 250, 250));
        gc.fillOval(5, 5, 6, 9);
        gc.fillOval(5, 2, 2, 3);
        gc.fillOval(9, 2, 2, 3);
        gc.setBackground(new Color(TUX_ORANGE));
        gc.fillOval(6, 5, 4, 2);
        gc.fillOval(1, 13, 6, 3);
        gc.fillOval(9, 13, 6, 3);
    }

    private static void computer(GC gc, Color background) {
        Color grey = new Color(90, 100, 115);
        gc.setBackground(grey);
        gc.fillRoundRectangle(1, 2, 14, 10, 3, 3);
        gc.setBackground(new Color(200, 220, 240));
        gc.fillRectangle(3, 4, 10, 6);
        gc.setBackground(grey);
        gc.fillRectangle(7, 12, 2, 2);
        gc.fillRectangle(4, 14, 8, 2);
    }

    /**
     * Draws once per key and size: on black and on white, and keeps the colour and transparency the two imply. The
     * painters draw on a 16 × 16 grid, scaled to the size.
     */
    private Image image(String key, int size, BiConsumer<GC, Color> painter) {
        return images.computeIfAbsent(key + "@" + size, k -> {
            ImageData onBlack = paint(size, new Color(0, 0, 0), painter);
            ImageData onWhite = paint(size, new Color(255, 255, 255), painter);
            ImageData icon = new ImageData(size, size, 24, new PaletteData(0xFF0000, 0xFF00, 0xFF));
            icon.alphaData = new byte[size * size];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    RGB black = onBlack.palette.getRGB(onBlack.getPixel(x, y));
                    RGB white = onWhite.palette.getRGB(onWhite.getPixel(x, y));
                    int alpha = 255 - ((white.red - black.red) + (white.green - black.green)
                            + (white.blue - black.blue)) / 3;
                    alpha = Math.max(0, Math.min(255, alpha));
                    RGB colour = alpha == 0
                            ? new RGB(0, 0, 0)
                            : new RGB(unblend(black.red, alpha), unblend(black.green, alpha),
                                    unblend(black.blue, alpha));
                    icon.setPixel(x, y, icon.palette.getPixel(colour));
                    icon.setAlpha(x, y, alpha);
                }
            }
            return new Image(display, icon);
        });
    }

    private static int unblend(int onBlack, int alpha) {
        return Math.min(255, onBlack * 255 / alpha);
    }

    private ImageData paint(int size, Color background, BiConsumer<GC, Color> painter) {
        Image canvas = new Image(display, size, size);
        GC gc = new GC(canvas);
        Transform scale = new Transform(display);
        try {
            gc.setBackground(background);
            gc.fillRectangle(0, 0, size, size);
            gc.setAntialias(SWT.ON);
            scale.scale(size / (float) SIZE, size / (float) SIZE);
            gc.setTransform(scale);
            painter.accept(gc, background);
            return canvas.getImageData();
        } finally {
            scale.dispose();
            gc.dispose();
            canvas.dispose();
        }
    }

    void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
    }
}
