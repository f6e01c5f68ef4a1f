package io.helmdesk.screen;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.stream.Stream;

import io.helmdesk.screen.internal.JpegCodec;
import io.helmdesk.screen.internal.JpegCodecs;

/** Both JPEG paths, for parameterized tests; libturbojpeg is skipped (with a reason) where it is not installed. */
final class JpegImplementations {

    static final String TURBO = "libturbojpeg";

    static final String IMAGE_IO = "ImageIO";

    private JpegImplementations() {
    }

    static Stream<String> names() {
        return Stream.of(TURBO, IMAGE_IO);
    }

    static JpegCodec named(String name) {
        if (name.equals(IMAGE_IO)) {
            return JpegCodecs.imageIo();
        }
        JpegCodec turbo = JpegCodecs.turboJpegOrNull();
        assumeTrue(turbo != null, "libturbojpeg does not load here (Debian package libturbojpeg0)");
        return turbo;
    }
}
