package io.helmdesk.agent.desktop.internal;

/** ARGB pixel arithmetic for cursor images. */
public final class Argb {

    private Argb() {
    }

    /** Premultiplied ARGB (X RENDER's form, which XFixes returns) to straight alpha. */
    public static int unpremultiply(int premultiplied) {
        int alpha = premultiplied >>> 24;
        if (alpha == 0 || alpha == 255) {
            return alpha == 0 ? 0 : premultiplied;
        }
        int red = Math.min(255, ((premultiplied >>> 16) & 0xFF) * 255 / alpha);
        int green = Math.min(255, ((premultiplied >>> 8) & 0xFF) * 255 / alpha);
        int blue = Math.min(255, (premultiplied & 0xFF) * 255 / alpha);
        return alpha << 24 | red << 16 | green << 8 | blue;
    }
}
