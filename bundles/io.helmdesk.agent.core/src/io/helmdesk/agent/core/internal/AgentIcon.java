package io.helmdesk.agent.core.internal;

import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.widgets.Display;

/**
 * The agent's icon, drawn pixel by pixel (no image files, no fonts): a white "H" on a blue rounded square, with
 * smooth edges.
 */
final class AgentIcon {

    private static final int BLUE = 0x1f5fbf;
    private static final int WHITE = 0xffffff;
    private static final int SAMPLES = 4;

    private AgentIcon() {
    }

    /** The icon in the sizes window managers and trays ask for: 16, 32 and 48 pixels. The caller disposes them. */
    static Image[] draw(Display display) {
        return new Image[]{new Image(display, data(16)), new Image(display, data(32)), new Image(display, data(48))};
    }

    static ImageData data(int size) {
        ImageData data = new ImageData(size, size, 24, new PaletteData(0xff0000, 0x00ff00, 0x0000ff));
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int inside = 0;
                int white = 0;
                for (int sy = 0; sy < SAMPLES; sy++) {
                    for (int sx = 0; sx < SAMPLES; sx++) {
                        double u = (x + (sx + 0.5) / SAMPLES) / size;
                        double v = (y + (sy + 0.5) / SAMPLES) / size;
                        if (inRoundedSquare(u, v)) {
                            inside++;
                            if (inLetter(u, v)) {
                                white++;
                            }
                        }
                    }
                }
                int all = SAMPLES * SAMPLES;
                data.setPixel(x, y, inside == 0 ? BLUE : blend(white, inside));
                data.setAlpha(x, y, 255 * inside / all);
            }
        }
        return data;
    }

    private static boolean inRoundedSquare(double u, double v) {
        double radius = 0.22;
        double cu = Math.min(Math.max(u, radius), 1 - radius);
        double cv = Math.min(Math.max(v, radius), 1 - radius);
        double du = u - cu;
        double dv = v - cv;
        return du * du + dv * dv <= radius * radius;
    }

    private static boolean inLetter(double u, double v) {
        boolean tall = v >= 0.24 && v <= 0.76;
        boolean leftBar = u >= 0.27 && u <= 0.40;
        boolean rightBar = u >= 0.60 && u <= 0.73;
        boolean crossbar = u >= 0.27 && u <= 0.73 && v >= 0.44 && v <= 0.56;
        return tall && (leftBar || rightBar) || crossbar;
    }

    /** White over blue, by the share of samples of the letter among those inside the square. */
    private static int blend(int white, int inside) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int b = (BLUE >> shift) & 0xff;
            int w = (WHITE >> shift) & 0xff;
            rgb |= ((b * (inside - white) + w * white) / inside) << shift;
        }
        return rgb;
    }
}
