package io.helmdesk.devices.api;

import java.time.Instant;

/**
 * A device's latest screenshot preview.
 *
 * @param mediaType {@code image/jpeg} or {@code image/png}
 */
public record Preview(String mediaType, byte[] image, int width, int height, Instant takenAt) {
}
