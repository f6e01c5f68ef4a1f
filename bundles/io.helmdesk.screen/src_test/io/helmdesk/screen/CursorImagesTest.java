package io.helmdesk.screen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.CursorShape;
import io.helmdesk.protocol.message.Limits;
import io.helmdesk.protocol.message.MessageCodec;

class CursorImagesTest {

    @Test
    void roundTripsStraightArgb() {
        int[] argb = {0xFF000000, 0x80FF8000, 0x00000000, 0xFFFFFFFF, 0x40102030, 0xC0A0B0C0};

        CursorShape shape = CursorImages.toShape(7, 1, 1, 3, 2, argb, false);

        assertEquals(new CursorShape(7, 1, 1, 3, 2,
                new byte[]{(byte) 0xFF, 0, 0, 0, (byte) 0x80, (byte) 0xFF, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xFF,
                        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x40, 0x10, 0x20, 0x30, (byte) 0xC0, (byte) 0xA0,
                        (byte) 0xB0, (byte) 0xC0}),
                shape);
        assertArrayEquals(argb, CursorImages.toArgb((CursorShape) MessageCodec.decode(MessageCodec.encode(shape))));
    }

    @Test
    void unpremultipliesWhenAsked() {
        // 50% white, premultiplied, is 0x80808080; straight it is 0x80FFFFFF
        CursorShape shape = CursorImages.toShape(1, 0, 0, 2, 1, new int[]{0x80808080, 0x40200000}, true);

        assertArrayEquals(new int[]{0x80FFFFFF, 0x40800000}, CursorImages.toArgb(shape));
    }

    @Test
    void keepsTheTopLeftOfAnOversizedCursorAndItsHotSpotInside() {
        int size = Limits.CURSOR_DIMENSION + 10;
        int[] argb = new int[size * size];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = 0xFF000000 | i;
        }

        CursorShape shape = CursorImages.toShape(2, size - 1, -3, size, size, argb, false);

        assertEquals(Limits.CURSOR_DIMENSION, shape.width());
        assertEquals(Limits.CURSOR_DIMENSION, shape.height());
        assertEquals(Limits.CURSOR_DIMENSION - 1, shape.hotX());
        assertEquals(0, shape.hotY());
        assertEquals(argb[size + 5], CursorImages.toArgb(shape)[Limits.CURSOR_DIMENSION + 5]);
    }

    @Test
    void refusesTooFewPixels() {
        assertThrows(IllegalArgumentException.class, () -> CursorImages.toShape(1, 0, 0, 4, 4, new int[15], false));
    }
}
