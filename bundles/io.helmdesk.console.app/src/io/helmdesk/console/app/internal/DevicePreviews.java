package io.helmdesk.console.app.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.widgets.Display;

import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;

/**
 * The screenshot previews of the tile view (DEV-3). Agents take one a minute, so a connected computer's preview is
 * fetched again at most once a minute, an offline one's once. Images are kept scaled to the tile (the full-size
 * screenshot is dropped at once) and disposed when their computer leaves the list, or with the window.
 */
final class DevicePreviews {

    static final Duration REFETCH_CONNECTED = Duration.ofMinutes(1);
    static final int WIDTH = 204;
    static final int HEIGHT = 128;
    private static final Color LETTERBOX = new Color(32, 36, 44);

    // Written by the background job, read by it: when each preview was last asked for.
    private final Map<String, Instant> fetchedAt = new ConcurrentHashMap<>();
    // UI thread only.
    private final Map<String, Image> images = new HashMap<>();

    /** In the background: the devices whose preview is to be fetched now. */
    List<String> due(List<DeviceDTO> devices, Instant now) {
        List<String> due = new ArrayList<>();
        for (DeviceDTO device : devices) {
            if (!device.hasPreview()) {
                fetchedAt.remove(device.id()); // fetched afresh once previews are back
                continue;
            }
            Instant last = fetchedAt.get(device.id());
            if (last == null || (DeviceText.connected(device.status())
                    && !now.isBefore(last.plus(REFETCH_CONNECTED)))) {
                due.add(device.id());
            }
        }
        return due;
    }

    /** In the background: the preview of this device was asked for now. */
    void asked(String deviceId, Instant at) {
        fetchedAt.put(deviceId, at);
    }

    /** In the UI thread: keeps the new preview, scaled to the tile with the screen's proportions. */
    void put(Display display, String deviceId, ImageData screenshot) {
        Image full = new Image(display, screenshot);
        Image scaled = new Image(display, WIDTH, HEIGHT);
        GC gc = new GC(scaled);
        try {
            gc.setBackground(LETTERBOX);
            gc.fillRectangle(0, 0, WIDTH, HEIGHT);
            gc.setAntialias(SWT.ON);
            gc.setInterpolation(SWT.HIGH);
            double scale = Math.min(WIDTH / (double) screenshot.width, HEIGHT / (double) screenshot.height);
            int width = (int) Math.round(screenshot.width * scale);
            int height = (int) Math.round(screenshot.height * scale);
            gc.drawImage(full, 0, 0, screenshot.width, screenshot.height, (WIDTH - width) / 2, (HEIGHT - height) / 2,
                    width, height);
        } finally {
            gc.dispose();
            full.dispose();
        }
        Image previous = images.put(deviceId, scaled);
        if (previous != null) {
            previous.dispose();
        }
    }

    /** In the UI thread: the device has no preview (any more). */
    void remove(String deviceId) {
        Image previous = images.remove(deviceId);
        if (previous != null) {
            previous.dispose();
        }
    }

    /** In the UI thread: the preview scaled to the tile, or null. */
    Image get(String deviceId) {
        return images.get(deviceId);
    }

    /** In the UI thread: drops the previews of devices gone from the list or without a preview now. */
    void keepOnly(Collection<DeviceDTO> devices) {
        Set<String> kept = devices.stream().filter(DeviceDTO::hasPreview).map(DeviceDTO::id)
                .collect(Collectors.toSet());
        for (String id : List.copyOf(images.keySet())) {
            if (!kept.contains(id)) {
                remove(id);
            }
        }
        fetchedAt.keySet().retainAll(kept);
    }

    void dispose() {
        images.values().forEach(Image::dispose);
        images.clear();
        fetchedAt.clear();
    }
}
