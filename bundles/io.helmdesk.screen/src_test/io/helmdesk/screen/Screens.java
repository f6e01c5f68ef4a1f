package io.helmdesk.screen;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.Random;

/** Synthetic screens, {@code 0x00RRGGBB}, row by row without padding. */
final class Screens {

    /** Height of one text line: scrolling a terminal by one line moves this many rows. */
    static final int LINE_HEIGHT = 17;

    private static final String[] WORDS = {"helmdesk", "remote", "session", "agent", "console", "frame", "tile",
            "encoder", "decoder", "scroll", "window", "palette", "zlib", "jpeg", "copy", "pixels", "$", "ls", "-la",
            "/var/log/syslog", "12:34:56", "INFO", "WARN", "ERROR", "[OK]", "{", "}", "=>", "0x1F", "¡olé!", "π"};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Screens() {
    }

    /** A terminal: anti-aliased monospaced text on white, one line per {@link #LINE_HEIGHT} rows. */
    static int[] text(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 13));
        Random random = new Random(seed);
        for (int line = 0; line * LINE_HEIGHT < height; line++) {
            g.setColor(random.nextInt(5) == 0 ? new Color(0x1565C0) : new Color(0x202020));
            g.drawString(sentence(random, width / 8), 4, line * LINE_HEIGHT + 13);
        }
        g.dispose();
        return pixels(image);
    }

    /** One more line of text, rendered as it would appear at the bottom of {@link #text}. */
    static int[] textLine(int width, long seed) {
        return text(width, LINE_HEIGHT, seed);
    }

    /** Flat-coloured windows, title bars, buttons and borders. */
    static int[] ui(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x3C3F41));
        g.fillRect(0, 0, width, height);
        Random random = new Random(seed);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        for (int i = 0; i < 12; i++) {
            int w = 120 + random.nextInt(Math.max(1, width / 2));
            int h = 80 + random.nextInt(Math.max(1, height / 2));
            int x = random.nextInt(Math.max(1, width - 40));
            int y = random.nextInt(Math.max(1, height - 40));
            g.setColor(new Color(0xECECEC));
            g.fillRect(x, y, w, h);
            g.setColor(new Color(0x2D5AA0));
            g.fillRect(x, y, w, 22);
            g.setColor(Color.WHITE);
            g.drawString("Window " + i, x + 8, y + 16);
            g.setColor(new Color(0x9E9E9E));
            g.drawRect(x, y, w - 1, h - 1);
            g.setColor(new Color(0xD0D0D0));
            g.fillRect(x + 10, y + h - 34, 70, 24);
            g.setColor(Color.BLACK);
            g.drawString("OK", x + 36, y + h - 17);
        }
        g.dispose();
        return pixels(image);
    }

    /** Smooth gradients with sensor-like noise: every tile has hundreds of colours and few equal neighbours. */
    static int[] photo(int width, int height, long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double wave = Math.sin(x / 37.0 + seed) * Math.cos(y / 23.0) * 40;
                int red = clamp(x * 200 / width + 30 + wave + random.nextInt(13) - 6);
                int green = clamp(y * 180 / height + 40 - wave + random.nextInt(13) - 6);
                int blue = clamp((x + y) * 150 / (width + height) + 60 + wave / 2 + random.nextInt(13) - 6);
                pixels[y * width + x] = red << 16 | green << 8 | blue;
            }
        }
        return pixels;
    }

    static int[] solid(int width, int height, int colour) {
        int[] pixels = new int[width * height];
        java.util.Arrays.fill(pixels, colour);
        return pixels;
    }

    /** A dense photo wallpaper: no shifted copy of any part of it matches another. */
    static int[] wallpaper(int width, int height) {
        return photo(width, height, 97);
    }

    /** Draws {@code picture} ({@code width} wide) into {@code screen} at (x, y). */
    static void paste(int[] screen, int screenWidth, int[] picture, int width, int x, int y) {
        int height = picture.length / width;
        for (int row = 0; row < height; row++) {
            System.arraycopy(picture, row * width, screen, (y + row) * screenWidth + x, width);
        }
    }

    /** A direct buffer, as the capture hands out, with {@code padding} extra pixels after each row. */
    static IntBuffer direct(int[] pixels, int width, int padding) {
        int height = pixels.length / width;
        int stride = width + padding;
        IntBuffer buffer = ByteBuffer.allocateDirect(stride * height * 4).order(ByteOrder.nativeOrder()).asIntBuffer();
        for (int y = 0; y < height; y++) {
            buffer.put(y * stride, pixels, y * width, width);
            for (int p = 0; p < padding; p++) {
                buffer.put(y * stride + width + p, 0xABCDEF);
            }
        }
        return buffer;
    }

    /** Mean absolute difference per channel inside a rectangle. */
    static double meanAbsoluteError(int[] expected, int[] actual, int stride, int x, int y, int width, int height) {
        long sum = 0;
        for (int row = y; row < y + height; row++) {
            for (int i = row * stride + x, end = i + width; i < end; i++) {
                int a = expected[i];
                int b = actual[i];
                sum += Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF)) + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF))
                        + Math.abs((a & 0xFF) - (b & 0xFF));
            }
        }
        return sum / (3.0 * width * height);
    }

    /** Whether a rectangle is equal in both pictures. */
    static boolean equalIn(int[] expected, int[] actual, int stride, int x, int y, int width, int height) {
        for (int row = y; row < y + height; row++) {
            int start = row * stride + x;
            if (!java.util.Arrays.equals(expected, start, start + width, actual, start, start + width)) {
                return false;
            }
        }
        return true;
    }

    private static String sentence(Random random, int maxChars) {
        StringBuilder line = new StringBuilder();
        while (true) {
            String word = WORDS[random.nextInt(WORDS.length)];
            if (line.length() + word.length() + 1 > maxChars * (3 + random.nextInt(8)) / 10) {
                return line.toString();
            }
            line.append(word).append(' ');
        }
    }

    private static int[] pixels(BufferedImage image) {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] &= 0xFFFFFF;
        }
        return pixels;
    }

    private static int clamp(double value) {
        return (int) Math.max(0, Math.min(255, value));
    }
}
