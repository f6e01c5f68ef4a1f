package io.helmdesk.devices.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import java.util.zip.CRC32C;

import io.helmdesk.protocol.message.PreviewImage;

/**
 * The latest screenshot preview of each device, one file in {@code <data>/previews} named by the device id, whose
 * modification time says when it was taken. A new picture replaces the file atomically, so a reader never sees half
 * an image; the same picture as last time (an idle screen sends the same bytes every minute) only moves the file's
 * time, which spares a busy server most of its file writes.
 */
final class PreviewFiles {

    private static final String[] EXTENSIONS = {"jpg", "png"};

    private final Path folder;

    PreviewFiles(Path folder) throws IOException {
        this.folder = folder;
        Files.createDirectories(folder);
    }

    /**
     * @param device the connected device the picture came from, which remembers what was written last; null writes
     *            the file unconditionally
     */
    void write(String deviceId, PreviewImage image, LiveDevice device, long takenAtMillis) throws IOException {
        String extension = image.format() == PreviewImage.Format.PNG ? "png" : "jpg";
        Path target = folder.resolve(deviceId + "." + extension);
        CRC32C crc = new CRC32C();
        crc.update(image.data());
        long checksum = crc.getValue() << 32 | image.data().length;
        if (device != null && checksum == device.previewChecksum && extension.equals(device.previewExtension)
                && Files.isRegularFile(target)) {
            Files.setLastModifiedTime(target, FileTime.fromMillis(takenAtMillis));
            return;
        }
        Path temporary = folder.resolve(deviceId + "." + extension + ".part");
        Files.write(temporary, image.data());
        Files.setLastModifiedTime(temporary, FileTime.fromMillis(takenAtMillis));
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (device == null || !extension.equals(device.previewExtension)) {
            Files.deleteIfExists(folder.resolve(deviceId + "." + (extension.equals("png") ? "jpg" : "png")));
        }
        if (device != null) {
            device.previewChecksum = checksum;
            device.previewExtension = extension;
        }
    }

    Optional<Path> file(String deviceId) {
        for (String extension : EXTENSIONS) {
            Path file = folder.resolve(deviceId + "." + extension);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    void delete(String deviceId) throws IOException {
        for (String extension : EXTENSIONS) {
            Files.deleteIfExists(folder.resolve(deviceId + "." + extension));
        }
    }
}
