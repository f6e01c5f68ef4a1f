package io.helmdesk.bench.screen;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * The pictures the player shows, made from a seed so every run shows the same ones: photo-like "dense" images (smooth
 * colour fields, many soft shapes, fine grain: what a wallpaper photo looks like to an encoder), an application-like
 * window (text lines, a toolbar, a picture) and the frames of a video-like camera pan. Pixels are 0x00RRGGBB.
 */
final class Pictures {

    private static final int SINE_STEPS = 4096;
    private static final float[] SINE = new float[SINE_STEPS];

    static {
        for (int i = 0; i < SINE_STEPS; i++) {
            SINE[i] = (float) Math.sin(2 * Math.PI * i / SINE_STEPS);
        }
    }

    private Pictures() {
    }

    private static float sin(float turns) {
        return SINE[((int) (turns * SINE_STEPS)) & (SINE_STEPS - 1)];
    }

    /** A photo-like picture: colour fields, soft shapes, lines, grain. */
    static int[] photo(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        // Smooth colour fields: a few sines per channel at random frequencies and phases.
        float[][] f = new float[9][4];
        for (float[] term : f) {
            term[0] = (0.3f + random.nextFloat() * 2.5f) / width;
            term[1] = (0.3f + random.nextFloat() * 2.5f) / height;
            term[2] = random.nextFloat();
            term[3] = 25 + random.nextFloat() * 45;
        }
        int[] base = {40 + random.nextInt(120), 40 + random.nextInt(120), 40 + random.nextInt(120)};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int[] c = new int[3];
                for (int ch = 0; ch < 3; ch++) {
                    float v = base[ch];
                    for (int t = ch * 3; t < ch * 3 + 3; t++) {
                        v += f[t][3] * sin(f[t][0] * x + f[t][1] * y + f[t][2]
                                + 0.15f * sin(f[(t + 1) % 9][0] * y * 3 + f[t][2]));
                    }
                    c[ch] = Math.clamp((int) v, 0, 255);
                }
                pixels[y * width + x] = (c[0] << 16) | (c[1] << 8) | c[2];
            }
        }
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        int area = width * height;
        // Soft shapes of many sizes (leaves, stones, clouds...).
        for (int i = 0; i < area / 2500; i++) {
            float size = (float) (4 + Math.pow(random.nextFloat(), 3) * width / 6);
            float x = random.nextFloat() * width;
            float y = random.nextFloat() * height;
            Color a = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 40 + random.nextInt(150));
            Color b = new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 20 + random.nextInt(120));
            g.setPaint(new GradientPaint(x, y, a, x + size, y + size, b));
            if (random.nextBoolean()) {
                g.fill(new Ellipse2D.Float(x, y, size, size * (0.4f + random.nextFloat())));
            } else {
                Path2D.Float leaf = new Path2D.Float();
                leaf.moveTo(x, y);
                leaf.quadTo(x + size, y - size / 2, x + size * 1.5f, y + size / 3);
                leaf.quadTo(x + size / 2, y + size, x, y);
                g.fill(leaf);
            }
        }
        // Thin lines (branches, edges).
        for (int i = 0; i < area / 6000; i++) {
            g.setStroke(new BasicStroke(0.5f + random.nextFloat() * 2.5f));
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256), 60 + random.nextInt(160)));
            float x = random.nextFloat() * width;
            float y = random.nextFloat() * height;
            g.draw(new java.awt.geom.QuadCurve2D.Float(x, y, x + random.nextFloat() * 200 - 100,
                    y + random.nextFloat() * 200 - 100, x + random.nextFloat() * 300 - 150,
                    y + random.nextFloat() * 300 - 150));
        }
        g.dispose();
        grain(pixels, random.nextLong(), 3);
        return pixels;
    }

    /** Adds noise of ±amplitude per channel (a photo's grain). */
    static void grain(int[] pixels, long seed, int amplitude) {
        long s = seed | 1;
        int span = 2 * amplitude + 1;
        for (int i = 0; i < pixels.length; i++) {
            s ^= s << 13;
            s ^= s >>> 7;
            s ^= s << 17;
            int p = pixels[i];
            int r = Math.clamp(((p >> 16) & 0xFF) + (int) ((s & 0xFFFF) % span) - amplitude, 0, 255);
            int gr = Math.clamp(((p >> 8) & 0xFF) + (int) (((s >>> 16) & 0xFFFF) % span) - amplitude, 0, 255);
            int b = Math.clamp((p & 0xFF) + (int) (((s >>> 32) & 0xFFFF) % span) - amplitude, 0, 255);
            pixels[i] = (r << 16) | (gr << 8) | b;
        }
    }

    /** An application window: title bar, toolbar, lines of "text" (glyph-like marks), a picture, a status bar. */
    static int[] applicationWindow(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0xF4F4F2));
        g.fillRect(0, 0, width, height);
        g.setPaint(new GradientPaint(0, 0, new Color(0x2E5C8A), 0, 28, new Color(0x1D3C5C)));
        g.fillRect(0, 0, width, 28);
        g.setColor(new Color(0xE0E0DC));
        g.fillRect(0, 28, width, 30);
        for (int i = 0; i < 12; i++) {
            g.setColor(new Color(random.nextInt(0x808080)));
            g.fillRoundRect(8 + i * 30, 33, 22, 20, 5, 5);
        }
        glyphs(g, random, 10, 6, 200, 20, new Color(0xFFFFFF));
        int pictureX = width - 250;
        int[] picture = photo(230, 170, seed * 31 + 7);
        image.setRGB(pictureX, 72, 230, 170, picture, 0, 230);
        for (int line = 0; line < (height - 100) / 16; line++) {
            int y = 72 + line * 16;
            int right = y < 250 ? pictureX - 14 : width - 14;
            glyphs(g, random, 14, y, right, 11, new Color(0x202020));
        }
        g.setColor(new Color(0xD0D0CC));
        g.fillRect(0, height - 22, width, 22);
        glyphs(g, random, 8, height - 17, 300, 10, new Color(0x404040));
        g.setColor(new Color(0x808080));
        g.drawRect(0, 0, width - 1, height - 1);
        g.dispose();
        return ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
    }

    /** Word-like groups of glyph-like marks from x to right, height h, starting at y. */
    private static void glyphs(Graphics2D g, Random random, int x, int y, int right, int h, Color color) {
        g.setColor(color);
        while (x < right - 10) {
            int letters = 1 + random.nextInt(9);
            for (int i = 0; i < letters && x < right - 6; i++) {
                int w = 3 + random.nextInt(4);
                int top = y + (random.nextInt(4) == 0 ? 0 : 3);
                g.fillRect(x, top, 1, y + h - top);
                g.fillRect(x + 1, y + h - 4 - random.nextInt(3), w - 1, 1);
                g.fillRect(x + w - 1, top + 2, 1, y + h - top - 2);
                x += w + 1;
            }
            x += 5;
        }
    }

    /**
     * A video-like frame: a camera panning over a scene (every pixel moves, as in a real video), plus a ball crossing
     * it. The scene is larger than the frame.
     */
    static final class Video {

        private final int width;
        private final int height;
        private final int sceneWidth;
        private final int sceneHeight;
        private final int[] scene;

        Video(int width, int height, long seed) {
            this.width = width;
            this.height = height;
            this.sceneWidth = width * 2;
            this.sceneHeight = height * 2;
            this.scene = photo(sceneWidth, sceneHeight, seed);
        }

        void frame(int index, int[] into) {
            double t = index / 25.0;
            int panX = (int) ((sceneWidth - width) * (0.5 + 0.5 * Math.sin(t * 2 * Math.PI / 16)));
            int panY = (int) ((sceneHeight - height) * (0.5 + 0.5 * Math.sin(t * 2 * Math.PI / 11)));
            for (int y = 0; y < height; y++) {
                System.arraycopy(scene, (panY + y) * sceneWidth + panX, into, y * width, width);
            }
            int radius = 40;
            int cx = (int) (radius + (width - 2 * radius) * (0.5 + 0.5 * Math.sin(t * 2 * Math.PI / 3.2)));
            int cy = (int) (radius + (height - 2 * radius) * Math.abs(Math.sin(t * 2 * Math.PI / 2.1)));
            for (int y = Math.max(0, cy - radius); y < Math.min(height, cy + radius); y++) {
                for (int x = Math.max(0, cx - radius); x < Math.min(width, cx + radius); x++) {
                    int dx = x - cx;
                    int dy = y - cy;
                    int d2 = dx * dx + dy * dy;
                    if (d2 < radius * radius) {
                        int shade = 255 - (int) (150.0 * Math.sqrt(d2) / radius);
                        into[y * width + x] = (shade << 16) | ((shade * 3 / 4) << 8) | (shade / 5);
                    }
                }
            }
        }
    }

    /** Random pixels: a new frame per call. */
    static final class Noise {

        private long state;

        Noise(long seed) {
            this.state = seed | 1;
        }

        void frame(int[] into) {
            long s = state;
            for (int i = 0; i < into.length; i++) {
                s ^= s << 13;
                s ^= s >>> 7;
                s ^= s << 17;
                into[i] = (int) (s & 0xFFFFFF);
            }
            state = s;
        }
    }
}
