package io.helmdesk.screen;

/**
 * How a {@link ScreenEncoder} encodes.
 *
 * @param jpegQuality the JPEG quality of photo-like tiles, {@link #MIN_JPEG_QUALITY} to {@link #MAX_JPEG_QUALITY}
 * @param lossy whether photo-like tiles may be sent as JPEG; when false every tile is lossless
 * @param detectMotion whether scrolled and moved content is looked for and sent as copies
 */
public record EncoderSettings(int jpegQuality, boolean lossy, boolean detectMotion) {

    public static final int MIN_JPEG_QUALITY = 30;

    public static final int MAX_JPEG_QUALITY = 90;

    public static final int DEFAULT_JPEG_QUALITY = 70;

    public EncoderSettings {
        if (jpegQuality < MIN_JPEG_QUALITY || jpegQuality > MAX_JPEG_QUALITY) {
            throw new IllegalArgumentException("JPEG quality " + jpegQuality + " is not between " + MIN_JPEG_QUALITY
                    + " and " + MAX_JPEG_QUALITY);
        }
    }

    /** JPEG at the default quality, motion detection on. */
    public static EncoderSettings defaults() {
        return new EncoderSettings(DEFAULT_JPEG_QUALITY, true, true);
    }

    public EncoderSettings withJpegQuality(int quality) {
        return new EncoderSettings(quality, lossy, detectMotion);
    }
}
