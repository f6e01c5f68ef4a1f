package io.helmdesk.agent.desktop.internal.windows;

import io.helmdesk.agent.desktop.internal.KeyRoute;

/** X11 keysyms to Windows virtual keys: the table for keys that are no characters, and the route for characters. */
final class WindowsKeys {

    /**
     * A virtual key; {@code extended} for the keys Windows tells from their keypad twins by the E0 prefix (arrows,
     * Insert, Delete, Home, End, Page Up/Down, right Control and Alt, keypad Enter and Divide, Windows keys, ...).
     */
    record VirtualKey(int code, boolean extended) {
    }

    static final int VK_SHIFT = 0x10;
    static final int VK_ESCAPE = 0x1B;
    static final int VK_LSHIFT = 0xA0;
    static final int VK_RSHIFT = 0xA1;
    static final int VK_LCONTROL = 0xA2;
    static final int VK_RCONTROL = 0xA3;
    static final int VK_LMENU = 0xA4;
    static final int VK_RMENU = 0xA5;
    static final int VK_DELETE = 0x2E;

    /** What {@code VkKeyScanEx} returns for a character the layout has no key for. */
    static final short NOT_IN_LAYOUT = -1;

    private WindowsKeys() {
    }

    /** The virtual key for a keysym that is not a character (or is typed by key even so: space), or null. */
    static VirtualKey special(int keysym) {
        if (keysym >= 0xffbe && keysym <= 0xffd5) {
            return key(0x70 + (keysym - 0xffbe)); // F1–F24
        }
        if (keysym >= 0xffb0 && keysym <= 0xffb9) {
            return key(0x60 + (keysym - 0xffb0)); // keypad digits
        }
        return switch (keysym) {
            case 0xff08 -> key(0x08); // BackSpace
            case 0xff09 -> key(0x09); // Tab
            case 0xff0d -> key(0x0D); // Return
            case 0xff8d -> extended(0x0D); // KP_Enter
            case 0xff13 -> key(0x13); // Pause
            case 0xff14 -> key(0x91); // Scroll_Lock
            case 0xff1b -> key(VK_ESCAPE);
            case 0x0020 -> key(0x20); // space
            case 0xff50 -> extended(0x24); // Home
            case 0xff51 -> extended(0x25); // Left
            case 0xff52 -> extended(0x26); // Up
            case 0xff53 -> extended(0x27); // Right
            case 0xff54 -> extended(0x28); // Down
            case 0xff55 -> extended(0x21); // Prior (Page Up)
            case 0xff56 -> extended(0x22); // Next (Page Down)
            case 0xff57 -> extended(0x23); // End
            case 0xff61 -> extended(0x2C); // Print
            case 0xff63 -> extended(0x2D); // Insert
            case 0xffff -> extended(VK_DELETE); // Delete
            case 0xff67 -> extended(0x5D); // Menu (Apps)
            case 0xff7f -> extended(0x90); // Num_Lock
            case 0xff95 -> key(0x24); // KP_Home: the keypad's keys without Num Lock are not extended
            case 0xff96 -> key(0x25); // KP_Left
            case 0xff97 -> key(0x26); // KP_Up
            case 0xff98 -> key(0x27); // KP_Right
            case 0xff99 -> key(0x28); // KP_Down
            case 0xff9a -> key(0x21); // KP_Prior
            case 0xff9b -> key(0x22); // KP_Next
            case 0xff9c -> key(0x23); // KP_End
            case 0xff9d -> key(0x0C); // KP_Begin (Clear)
            case 0xff9e -> key(0x2D); // KP_Insert
            case 0xff9f -> key(VK_DELETE); // KP_Delete
            case 0xffaa -> key(0x6A); // KP_Multiply
            case 0xffab -> key(0x6B); // KP_Add
            case 0xffac -> key(0x6C); // KP_Separator
            case 0xffad -> key(0x6D); // KP_Subtract
            case 0xffae -> key(0x6E); // KP_Decimal
            case 0xffaf -> extended(0x6F); // KP_Divide
            case 0xffe1 -> key(VK_LSHIFT);
            case 0xffe2 -> key(VK_RSHIFT);
            case 0xffe3 -> key(VK_LCONTROL);
            case 0xffe4 -> extended(VK_RCONTROL);
            case 0xffe5 -> key(0x14); // Caps_Lock
            case 0xffe7, 0xffe9 -> key(VK_LMENU); // Meta_L, Alt_L
            case 0xffe8, 0xffea, 0xfe03 -> extended(VK_RMENU); // Meta_R, Alt_R, ISO_Level3_Shift (AltGr)
            case 0xffeb -> extended(0x5B); // Super_L
            case 0xffec -> extended(0x5C); // Super_R
            default -> null;
        };
    }

    /**
     * How to type a character the layout maps, per {@code VkKeyScanEx}: its key when the layout has it on the level
     * the held Shift selects (or a shortcut modifier is held), else as a Unicode character.
     *
     * @param keyScan {@code VkKeyScanEx}'s answer: virtual key in the low byte, shift state (1 Shift, 2 Control, 4 Alt)
     *            in the high byte, -1 if no key types it
     */
    static KeyRoute route(short keyScan, boolean shiftHeld, boolean commandHeld) {
        if (keyScan == NOT_IN_LAYOUT) {
            return KeyRoute.SYMBOL;
        }
        int shiftState = (keyScan >> 8) & 0xFF;
        return KeyRoute.choose(shiftState == 0, shiftState == 1, shiftHeld, commandHeld);
    }

    private static VirtualKey key(int code) {
        return new VirtualKey(code, false);
    }

    private static VirtualKey extended(int code) {
        return new VirtualKey(code, true);
    }
}
