package io.helmdesk.devices.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helmdesk.protocol.message.PreviewImage;

/** The previews on disk: a new picture replaces the file, the same one only moves its time. */
class PreviewFilesTest {

    private static final long MINUTE = 60_000;
    private static final long T0 = 1_800_000_000_000L;

    @TempDir
    Path folder;

    private final LiveDevice device = new LiveDevice("d1", null, "192.0.2.1", T0);

    @Test
    void theSamePictureMovesOnlyTheTimeAndANewOneReplacesTheFile() throws Exception {
        PreviewFiles previews = new PreviewFiles(folder);
        PreviewImage first = jpeg(1, 2, 3);
        previews.write("d1", first, device, T0);
        Path file = previews.file("d1").orElseThrow();
        assertEquals(folder.resolve("d1.jpg"), file);
        assertEquals(T0, Files.getLastModifiedTime(file).toMillis());
        Object identity = Files.readAttributes(file, "unix:ino").get("ino");

        previews.write("d1", jpeg(1, 2, 3), device, T0 + MINUTE);
        assertEquals(T0 + MINUTE, Files.getLastModifiedTime(file).toMillis(), "the picture was taken again");
        assertEquals(identity, Files.readAttributes(file, "unix:ino").get("ino"), "the same file, not rewritten");

        previews.write("d1", jpeg(1, 2, 4), device, T0 + 2 * MINUTE);
        assertArrayEquals(jpeg(1, 2, 4).data(), Files.readAllBytes(file));
        assertEquals(T0 + 2 * MINUTE, Files.getLastModifiedTime(file).toMillis());
        assertFalse(identity.equals(Files.readAttributes(file, "unix:ino").get("ino")), "replaced atomically");
    }

    @Test
    void anotherFormatReplacesTheOtherFileAndAMissingFileIsWrittenAgain() throws Exception {
        PreviewFiles previews = new PreviewFiles(folder);
        previews.write("d1", jpeg(5), device, T0);
        previews.write("d1", new PreviewImage(PreviewImage.Format.PNG, 4, 3, new byte[]{5}), device, T0 + MINUTE);
        assertEquals(Optional.of(folder.resolve("d1.png")), previews.file("d1"));
        assertFalse(Files.exists(folder.resolve("d1.jpg")));

        Files.delete(folder.resolve("d1.png"));
        previews.write("d1", new PreviewImage(PreviewImage.Format.PNG, 4, 3, new byte[]{5}), device, T0 + 2 * MINUTE);
        assertTrue(Files.isRegularFile(folder.resolve("d1.png")), "an unchanged picture whose file went is written");

        previews.delete("d1");
        assertEquals(Optional.empty(), previews.file("d1"));
    }

    private static PreviewImage jpeg(int... bytes) {
        byte[] data = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            data[i] = (byte) bytes[i];
        }
        return new PreviewImage(PreviewImage.Format.JPEG, 4, 3, data);
    }
}
