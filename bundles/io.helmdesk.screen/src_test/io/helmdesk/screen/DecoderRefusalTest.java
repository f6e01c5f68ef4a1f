package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.FrameUpdate.Tile;
import io.helmdesk.protocol.message.FrameUpdate.TileEncoding;
import io.helmdesk.screen.internal.JpegCodec;

/** Every malformed update is refused with PROTOCOL_VIOLATION, and the picture stays as it was. */
class DecoderRefusalTest {

    private static final int WIDTH = 200;

    private static final int HEIGHT = 100;

    private final ScreenDecoder decoder = new ScreenDecoder(WIDTH, HEIGHT);

    private final int[] before;

    DecoderRefusalTest() {
        decoder.apply(new FrameUpdate(List.of(new Tile(0, 0, 100, 100, TileEncoding.ZLIB,
                zlib(rgb(Screens.photo(100, 100, 1)))),
                new Tile(100, 0, 100, 100, TileEncoding.SOLID,
                        new byte[]{1, 2, 3}))));
        before = decoder.pixels().clone();
    }

    @Test
    void refusesATileOutsideTheScreen() {
        assertRefused("reaches outside the 200x100 screen", new Tile(150, 0, 51, 10, TileEncoding.SOLID, rgb(7)));
        assertRefused("reaches outside", new Tile(0, 90, 10, 11, TileEncoding.SOLID, rgb(7)));
    }

    @Test
    void refusesACopyFromOutsideTheScreen() {
        assertRefused("copies from 20x20+190+0, outside the 200x100 screen",
                new Tile(0, 0, 20, 20, TileEncoding.COPY, new byte[]{0, (byte) 190, 0, 0}));
        assertRefused("outside", new Tile(0, 0, 20, 20, TileEncoding.COPY, new byte[]{0, 0, 0, 81}));
        assertRefused("outside", new Tile(0, 0, 20, 20, TileEncoding.COPY, new byte[]{(byte) 0xFF, (byte) 0xFF, 0, 0}));
    }

    @Test
    void refusesZlibDataOfTheWrongLength() {
        assertRefused("inflates to 299 bytes, not 300", new Tile(0, 0, 10, 10, TileEncoding.ZLIB, zlib(new byte[299])));
        assertRefused("inflates to more than its 300 bytes",
                new Tile(0, 0, 10, 10, TileEncoding.ZLIB, zlib(new byte[301])));
        assertRefused("inflates to 99 bytes, not 100",
                new Tile(0, 0, 10, 10, TileEncoding.PALETTE, palette(2, new byte[99])));
    }

    @Test
    void refusesCorruptZlib() {
        byte[] data = zlib(rgb(Screens.photo(10, 10, 2)));
        byte[] corrupt = data.clone();
        corrupt[data.length / 2] ^= 0x55;
        corrupt[data.length / 2 + 1] ^= 0x33;
        assertRefused("", new Tile(0, 0, 10, 10, TileEncoding.ZLIB, corrupt));
        assertRefused("zlib data ends early",
                new Tile(0, 0, 10, 10, TileEncoding.ZLIB, Arrays.copyOf(data, data.length - 5)));
        assertRefused("corrupt zlib data", new Tile(0, 0, 10, 10, TileEncoding.ZLIB, new byte[]{1, 2, 3, 4, 5}));
        assertRefused("has 2 bytes after its zlib data",
                new Tile(0, 0, 10, 10, TileEncoding.ZLIB, Arrays.copyOf(data, data.length + 2)));
        assertRefused("zlib data ends early", new Tile(0, 0, 10, 10, TileEncoding.ZLIB, new byte[0]));
    }

    @Test
    void refusesPaletteIndicesBeyondThePalette() {
        byte[] indices = new byte[100];
        indices[57] = 3;
        assertRefused("uses palette index 3 at pixel 57 of a 3-colour palette",
                new Tile(0, 0, 10, 10, TileEncoding.PALETTE, palette(3, indices)));
        assertRefused("fewer than its 256-colour palette needs",
                new Tile(0, 0, 10, 10, TileEncoding.PALETTE, new byte[]{(byte) 255, 1, 2, 3}));
        assertRefused("has no palette", new Tile(0, 0, 10, 10, TileEncoding.PALETTE, new byte[0]));
    }

    @Test
    void refusesAZlibBombWithoutInflatingIt() {
        // 64 MB of zeros in ~64 KB
        byte[] bomb = zlib(new byte[64 * 1024 * 1024]);
        Tile tile = new Tile(0, 0, 64, 64, TileEncoding.ZLIB, bomb);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
                .getThreadMXBean();
        long allocatedBefore = threads.getCurrentThreadAllocatedBytes();

        assertRefused("inflates to more than its 12288 bytes", tile);

        long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
        assertTrue(allocated < 4 * 1024 * 1024, allocated + " bytes allocated");
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void refusesCorruptJpeg(String implementation) {
        JpegCodec jpeg = JpegImplementations.named(implementation);
        ScreenDecoder decoder = new ScreenDecoder(WIDTH, HEIGHT, jpeg);
        int[] photo = Screens.photo(64, 64, 3);
        byte[] valid = jpeg.compress(photo, 0, 64, 64, 64, 70);
        decoder.apply(update(new Tile(0, 0, 64, 64, TileEncoding.JPEG, valid)));
        int[] expected = new int[WIDTH * HEIGHT];
        Screens.paste(expected, WIDTH, photo, 64, 0, 0);
        assertTrue(Screens.meanAbsoluteError(expected, decoder.pixels(), WIDTH, 0, 0, 64, 64) < 6);
        int[] picture = decoder.pixels().clone();

        byte[] truncated = Arrays.copyOf(valid, valid.length * 2 / 3);
        byte[] scrambled = valid.clone();
        for (int i = valid.length / 2; i < valid.length - 2; i += 7) {
            scrambled[i] = (byte) 0xFF;
        }
        for (byte[] corrupt : List.of(truncated, scrambled)) {
            ProtocolException refusal = assertThrows(ProtocolException.class,
                    () -> decoder.apply(update(new Tile(0, 0, 64, 64, TileEncoding.JPEG, corrupt))));
            assertTrue(refusal.getMessage().contains("corrupt JPEG"), refusal.getMessage());
            assertArrayEquals(picture, decoder.pixels());
        }
    }

    @Test
    void refusesAJpegOfAnotherSizeOrKind() throws Exception {
        int[] photo = Screens.photo(64, 64, 4);
        byte[] jpeg = JpegImplementations.named(JpegImplementations.IMAGE_IO).compress(photo, 0, 64, 64, 64, 70);
        assertRefused("JPEG is 64x64, not the tile's 64x32", new Tile(0, 0, 64, 32, TileEncoding.JPEG, jpeg));
        assertRefused("is not a baseline JPEG (frame marker FFC2)",
                new Tile(0, 0, 64, 64, TileEncoding.JPEG, progressiveJpeg(photo, 64, 64)));
        assertRefused("is not a JPEG", new Tile(0, 0, 64, 64, TileEncoding.JPEG, zlib(new byte[10])));
        assertRefused("JPEG ends before its frame header",
                new Tile(0, 0, 64, 64, TileEncoding.JPEG, Arrays.copyOf(jpeg, 20)));
    }

    @Test
    void checksTheWholeUpdateBeforeDrawingAnyTile() {
        Tile good = new Tile(0, 0, 200, 100, TileEncoding.SOLID, rgb(0xFFFFFF));
        Tile copy = new Tile(0, 0, 50, 50, TileEncoding.COPY, new byte[]{0, 10, 0, 10});
        Tile bad = new Tile(0, 0, 10, 10, TileEncoding.ZLIB, zlib(new byte[299]));

        ProtocolException refusal = assertThrows(ProtocolException.class,
                () -> decoder.apply(update(good, copy, bad)));

        assertTrue(refusal.getMessage().startsWith("Frame update tile 2 (ZLIB 10x10+0+0)"), refusal.getMessage());
        assertArrayEquals(before, decoder.pixels());
    }

    @Test
    void copiesLikeMemmoveWhateverTheOverlap() {
        int[][] shifts = {{0, 3}, {0, -3}, {3, 0}, {-3, 0}, {5, 4}, {-5, -4}, {7, -2}, {-7, 2}};
        for (int[] shift : shifts) {
            ScreenDecoder decoder = new ScreenDecoder(WIDTH, HEIGHT);
            int[] photo = Screens.photo(WIDTH, HEIGHT, 5);
            decoder.apply(update(new Tile(0, 0, WIDTH, HEIGHT, TileEncoding.ZLIB, zlib(rgb(photo)))));
            int sourceX = 50;
            int sourceY = 30;
            int x = sourceX + shift[0];
            int y = sourceY + shift[1];
            int[] expected = photo.clone();
            for (int row = 0; row < 40; row++) {
                System.arraycopy(photo, (sourceY + row) * WIDTH + sourceX, expected, (y + row) * WIDTH + x, 60);
            }

            Region changed = decoder.apply(update(new Tile(x, y, 60, 40, TileEncoding.COPY,
                    new byte[]{0, (byte) sourceX, 0, (byte) sourceY})));

            assertArrayEquals(expected, decoder.pixels(), () -> "shift " + Arrays.toString(shift));
            assertEquals(new Region(x, y, 60, 40), changed);
        }
    }

    @ParameterizedTest
    @MethodSource("io.helmdesk.screen.JpegImplementations#names")
    void damagedUpdatesAreDrawnOrRefusedNeverAnythingElse(String implementation) {
        JpegCodec jpeg = JpegImplementations.named(implementation);
        int[] screen = Screens.ui(WIDTH, HEIGHT, 6);
        Screens.paste(screen, WIDTH, Screens.photo(90, 60, 7), 90, 100, 20);
        Screens.paste(screen, WIDTH, Screens.text(90, 40, 8), 90, 5, 50);
        FrameUpdate valid = new ScreenEncoder(WIDTH, HEIGHT, EncoderSettings.defaults(), jpeg)
                .encode(java.nio.IntBuffer.wrap(screen), WIDTH, List.of(), 0);
        java.util.Random random = new java.util.Random(9);
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            ScreenDecoder decoder = new ScreenDecoder(WIDTH, HEIGHT, jpeg);
            int[] picture = decoder.pixels().clone();
            List<Tile> tiles = new java.util.ArrayList<>(valid.tiles());
            int index = random.nextInt(tiles.size());
            Tile tile = tiles.get(index);
            byte[] data = tile.data().clone();
            if (data.length > 0) {
                for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                    data[random.nextInt(data.length)] = (byte) random.nextInt(256);
                }
            }
            if (random.nextInt(4) == 0 && tile.encoding().fixedDataLength() < 0) {
                // SOLID and COPY data have one length: the protocol holds no other
                data = Arrays.copyOf(data, random.nextInt(data.length + 8));
            }
            tiles.set(index, new Tile(tile.x(), tile.y(), tile.width(), tile.height(), tile.encoding(), data));
            try {
                decoder.apply(new FrameUpdate(tiles));
            } catch (ProtocolException e) {
                refused++;
                assertEquals(ErrorCode.PROTOCOL_VIOLATION, e.code());
                assertArrayEquals(picture, decoder.pixels());
            }
        }
        assertTrue(refused > 100, refused + " of 400 damaged updates refused");
    }

    @Test
    void reportsTheBoundsOfWhatChanged() {
        assertEquals(Region.EMPTY, decoder.apply(update()));
        assertEquals(new Region(5, 6, 105, 24), decoder.apply(update(new Tile(5, 6, 10, 10, TileEncoding.SOLID,
                rgb(1)), new Tile(100, 20, 10, 10, TileEncoding.SOLID, rgb(2)))));
    }

    private void assertRefused(String reason, Tile tile) {
        ProtocolException refusal = assertThrows(ProtocolException.class, () -> decoder.apply(update(tile)));
        assertEquals(ErrorCode.PROTOCOL_VIOLATION, refusal.code());
        assertTrue(refusal.getMessage().contains(reason), () -> refusal.getMessage() + " lacks: " + reason);
        assertArrayEquals(before, decoder.pixels(), "the picture changed");
    }

    private static FrameUpdate update(Tile... tiles) {
        return new FrameUpdate(List.of(tiles));
    }

    private static byte[] rgb(int colour) {
        return new byte[]{(byte) (colour >> 16), (byte) (colour >> 8), (byte) colour};
    }

    private static byte[] rgb(int[] pixels) {
        byte[] bytes = new byte[pixels.length * 3];
        for (int i = 0; i < pixels.length; i++) {
            bytes[3 * i] = (byte) (pixels[i] >> 16);
            bytes[3 * i + 1] = (byte) (pixels[i] >> 8);
            bytes[3 * i + 2] = (byte) pixels[i];
        }
        return bytes;
    }

    private static byte[] palette(int colours, byte[] indices) {
        byte[] compressed = zlib(indices);
        byte[] data = new byte[1 + 3 * colours + compressed.length];
        data[0] = (byte) (colours - 1);
        for (int i = 0; i < 3 * colours; i++) {
            data[1 + i] = (byte) (i * 40);
        }
        System.arraycopy(compressed, 0, data, 1 + 3 * colours, compressed.length);
        return data;
    }

    static byte[] zlib(byte[] bytes) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(bytes);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[65536];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static byte[] progressiveJpeg(int[] pixels, int width, int height) throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(width, height,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, null), parameters);
        }
        writer.dispose();
        return bytes.toByteArray();
    }
}
