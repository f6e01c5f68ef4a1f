package io.helmdesk.agent.desktop.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeysymsTest {

    @Test
    void latinOneAndUnicodeKeysymsAreTheirCharacters() {
        assertEquals('a', Keysyms.codePoint('a'));
        assertEquals('~', Keysyms.codePoint('~'));
        assertEquals(0xe9, Keysyms.codePoint(0xe9), "é");
        assertEquals(0x20ac, Keysyms.codePoint(0x10020ac), "€ as a Unicode keysym");
        assertEquals(0x20ac, Keysyms.codePoint(Keysyms.EURO_SIGN), "€ as the legacy keysym");
        assertEquals(0x1f600, Keysyms.codePoint(0x101f600), "outside the BMP");
    }

    @Test
    void functionKeysAreNoCharacters() {
        assertEquals(-1, Keysyms.codePoint(Keysyms.RETURN));
        assertEquals(-1, Keysyms.codePoint(Keysyms.SHIFT_L));
        assertEquals(-1, Keysyms.codePoint(0x7f));
        assertEquals(-1, Keysyms.codePoint(0x1a1), "legacy Latin-2 keysyms are not mapped");
    }

    @Test
    void commandModifiersAreControlAltMetaSuperAndHyperButNotLocks() {
        assertTrue(Keysyms.isCommandModifier(Keysyms.CONTROL_R));
        assertTrue(Keysyms.isCommandModifier(Keysyms.ALT_L));
        assertTrue(Keysyms.isCommandModifier(Keysyms.SUPER_L));
        assertFalse(Keysyms.isCommandModifier(0xffe5), "Caps_Lock");
        assertFalse(Keysyms.isCommandModifier(Keysyms.SHIFT_L));
        assertTrue(Keysyms.isShift(Keysyms.SHIFT_R));
    }
}
