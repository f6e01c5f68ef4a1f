package io.helmdesk.agent.desktop.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ArgbTest {

    @Test
    void premultipliedColoursRegainTheirStrength() {
        assertEquals(0x80FF0000, Argb.unpremultiply(0x80800000));
        assertEquals(0xFF123456, Argb.unpremultiply(0xFF123456));
        assertEquals(0, Argb.unpremultiply(0x00FFFFFF), "fully transparent is transparent black");
        assertEquals(0x40FFFFFF, Argb.unpremultiply(0x40FFFFFF), "out-of-range input saturates");
    }
}
