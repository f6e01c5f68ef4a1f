package io.helmdesk.agent.desktop.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MouseCoordinatesTest {

    @Test
    void everyPixelComesBackWhicheverWayWindowsScales() {
        for (int size : new int[]{1, 800, 1920, 3840, 7680}) {
            for (int pixel = 0; pixel < size; pixel++) {
                int normalized = MouseCoordinates.normalize(pixel, size);
                assertEquals(pixel, (int) ((long) normalized * size / 65536), "by 65536, " + size + " wide");
                assertEquals(pixel, (int) ((long) normalized * size / 65535), "by 65535, " + size + " wide");
            }
        }
    }

    @Test
    void staysWithinTheNormalizedRange() {
        assertEquals(32768, MouseCoordinates.normalize(0, 1));
        assertEquals(65518, MouseCoordinates.normalize(1919, 1920));
    }
}
