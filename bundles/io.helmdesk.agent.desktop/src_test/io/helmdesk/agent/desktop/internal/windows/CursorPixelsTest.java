package io.helmdesk.agent.desktop.internal.windows;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class CursorPixelsTest {

    private static final int SET = 0x00FFFFFF;

    @Test
    void monochromeMasksBecomeBlackWhiteTransparentAndInvertedAsBlack() {
        int[] masks = {0, 0, SET, SET, /* XOR: */ 0, SET, 0, SET};
        assertArrayEquals(new int[]{0xFF000000, 0xFFFFFFFF, 0, 0xFF000000}, CursorPixels.fromMonochrome(masks, 4));
    }

    @Test
    void colourCursorsKeepTheirAlpha() {
        int[] colour = {0x80FF0000, 0x00000000};
        assertArrayEquals(colour, CursorPixels.fromColour(colour, new int[]{0, SET}));
    }

    @Test
    void colourCursorsWithoutAlphaTakeItFromTheMask() {
        int[] colour = {0x00123456, 0x00ABCDEF};
        assertArrayEquals(new int[]{0xFF123456, 0}, CursorPixels.fromColour(colour, new int[]{0, SET}));
    }
}
