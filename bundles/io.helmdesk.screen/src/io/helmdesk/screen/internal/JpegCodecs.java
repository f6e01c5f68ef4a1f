package io.helmdesk.screen.internal;

/** Picks the JPEG implementation. */
public final class JpegCodecs {

    private JpegCodecs() {
    }

    /** libturbojpeg through JNA when both are there, else ImageIO. */
    public static JpegCodec best() {
        try {
            return TurboJpegCodec.load().orElseGet(ImageIoJpegCodec::new);
        } catch (LinkageError e) {
            // JNA is an optional import: the console may run without it
            return new ImageIoJpegCodec();
        }
    }

    public static JpegCodec imageIo() {
        return new ImageIoJpegCodec();
    }

    /** libturbojpeg, or {@code null} when it cannot be loaded. */
    public static JpegCodec turboJpegOrNull() {
        try {
            return TurboJpegCodec.load().orElse(null);
        } catch (LinkageError e) {
            return null;
        }
    }
}
