package io.helmdesk.agent.desktop.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.helmdesk.agent.desktop.internal.KeyRoute;
import io.helmdesk.agent.desktop.internal.windows.WindowsKeys.VirtualKey;

class WindowsKeysTest {

    @Test
    void functionAndEditingKeysMapToVirtualKeys() {
        assertEquals(new VirtualKey(0x0D, false), WindowsKeys.special(0xff0d), "Return");
        assertEquals(new VirtualKey(0x1B, false), WindowsKeys.special(0xff1b), "Escape");
        assertEquals(new VirtualKey(0x70, false), WindowsKeys.special(0xffbe), "F1");
        assertEquals(new VirtualKey(0x7B, false), WindowsKeys.special(0xffc9), "F12");
        assertEquals(new VirtualKey(0x87, false), WindowsKeys.special(0xffd5), "F24");
        assertEquals(new VirtualKey(0x60, false), WindowsKeys.special(0xffb0), "KP_0");
        assertEquals(new VirtualKey(0xA0, false), WindowsKeys.special(0xffe1), "Shift_L");
        assertEquals(new VirtualKey(0x20, false), WindowsKeys.special(0x20), "space, by key for Control+Space");
    }

    @Test
    void keysWithAKeypadTwinAreExtendedTheirTwinsAreNot() {
        assertEquals(new VirtualKey(0x25, true), WindowsKeys.special(0xff51), "Left");
        assertEquals(new VirtualKey(0x25, false), WindowsKeys.special(0xff96), "KP_Left");
        assertEquals(new VirtualKey(0x2E, true), WindowsKeys.special(0xffff), "Delete");
        assertEquals(new VirtualKey(0x2E, false), WindowsKeys.special(0xff9f), "KP_Delete");
        assertEquals(new VirtualKey(0x0D, true), WindowsKeys.special(0xff8d), "KP_Enter");
        assertEquals(new VirtualKey(0xA3, true), WindowsKeys.special(0xffe4), "Control_R");
        assertEquals(new VirtualKey(0xA5, true), WindowsKeys.special(0xfe03), "AltGr");
        assertEquals(new VirtualKey(0x5B, true), WindowsKeys.special(0xffeb), "Super_L");
    }

    @Test
    void charactersAreNotInTheTable() {
        assertNull(WindowsKeys.special('a'));
        assertNull(WindowsKeys.special(0x10020ac));
    }

    @Test
    void charactersGoByKeyOnlyOnTheLevelTheHeldShiftSelects() {
        short plainA = 0x0041; // VK 'A', no shift
        short shiftedOne = 0x0131; // '!' on a US layout: VK '1' with Shift
        short altGrE = 0x0645; // '€' on a German layout: VK 'E' with Control+Alt
        assertEquals(KeyRoute.KEY, WindowsKeys.route(plainA, false, false));
        assertEquals(KeyRoute.SYMBOL, WindowsKeys.route(plainA, true, false), "a with the remote Shift held");
        assertEquals(KeyRoute.KEY, WindowsKeys.route(shiftedOne, true, false));
        assertEquals(KeyRoute.SYMBOL, WindowsKeys.route(shiftedOne, false, false));
        assertEquals(KeyRoute.SYMBOL, WindowsKeys.route(altGrE, false, false), "typed as Unicode, AltGr or not");
        assertEquals(KeyRoute.SYMBOL, WindowsKeys.route(WindowsKeys.NOT_IN_LAYOUT, false, false));
        assertEquals(KeyRoute.KEY, WindowsKeys.route(plainA, true, true), "Control+Shift+A");
    }
}
