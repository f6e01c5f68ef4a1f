package io.helmdesk.screen.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The two JPEG paths write baseline JPEGs of the right size that each other reads. */
class JpegCodecTest {

    @Test
    void eachReadsWhatTheOtherWrites() throws Exception {
        JpegCodec turbo = JpegCodecs.turboJpegOrNull();
        assumeTrue(turbo != null, "libturbojpeg does not load here (Debian package libturbojpeg0)");
        JpegCodec imageIo = JpegCodecs.imageIo();
        int width = 150;
        int height = 70;
        int stride = 173;
        int[] pixels = new int[stride * (height + 1)];
        Random random = new Random(1);
        for (int y = 0; y <= height; y++) {
            for (int x = 0; x < stride; x++) {
                pixels[y * stride + x] = (x * 255 / stride) << 16 | (y * 255 / (height + 1)) << 8
                        | (128 + random.nextInt(9));
            }
        }
        for (JpegCodec writer : new JpegCodec[]{turbo, imageIo}) {
            byte[] jpeg = writer.compress(pixels, stride + 3, stride, width, height, 80);
            JpegHeader.check(jpeg, width, height);
            for (JpegCodec reader : new JpegCodec[]{turbo, imageIo}) {
                int[] decoded = new int[width * height];
                reader.decompress(jpeg, width, height, decoded);
                double error = 0;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int a = pixels[(y + 1) * stride + 3 + x];
                        int b = decoded[y * width + x];
                        assertEquals(0, b >>> 24);
                        error += Math.abs((a >> 16 & 0xFF) - (b >> 16 & 0xFF))
                                + Math.abs((a >> 8 & 0xFF) - (b >> 8 & 0xFF)) + Math.abs((a & 0xFF) - (b & 0xFF));
                    }
                }
                double mean = error / (3.0 * width * height);
                assertTrue(mean < 4, writer.name() + " → " + reader.name() + ": mean error " + mean);
            }
        }
    }

    @Test
    void prefersLibturbojpegWhenItLoads() {
        String expected = JpegCodecs.turboJpegOrNull() == null ? "ImageIO" : "libturbojpeg";
        assertEquals(expected, JpegCodecs.best().name());
    }
}
