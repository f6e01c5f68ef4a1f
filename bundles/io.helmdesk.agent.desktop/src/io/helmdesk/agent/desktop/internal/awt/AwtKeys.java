package io.helmdesk.agent.desktop.internal.awt;

import java.awt.event.KeyEvent;

import io.helmdesk.agent.desktop.internal.Keysyms;

/** X11 keysyms to AWT key codes, for {@code java.awt.Robot}. */
final class AwtKeys {

    private AwtKeys() {
    }

    /**
     * The AWT key code for {@code keysym}, or {@link KeyEvent#VK_UNDEFINED}. Characters map to the key AWT believes
     * types them in the current layout, which Robot then presses without the modifiers that layout may need.
     */
    static int keyCode(int keysym) {
        int special = special(keysym);
        if (special != KeyEvent.VK_UNDEFINED) {
            return special;
        }
        int codePoint = Keysyms.codePoint(keysym);
        if (codePoint < 0 || Character.charCount(codePoint) > 1) {
            return KeyEvent.VK_UNDEFINED;
        }
        return KeyEvent.getExtendedKeyCodeForChar(codePoint);
    }

    private static int special(int keysym) {
        if (keysym >= 0xffbe && keysym <= 0xffc9) {
            return KeyEvent.VK_F1 + (keysym - 0xffbe); // F1–F12
        }
        if (keysym >= 0xffca && keysym <= 0xffd5) {
            return KeyEvent.VK_F13 + (keysym - 0xffca); // F13–F24
        }
        if (keysym >= 0xffb0 && keysym <= 0xffb9) {
            return KeyEvent.VK_NUMPAD0 + (keysym - 0xffb0);
        }
        return switch (keysym) {
            case Keysyms.BACKSPACE -> KeyEvent.VK_BACK_SPACE;
            case Keysyms.TAB -> KeyEvent.VK_TAB;
            case Keysyms.RETURN, 0xff8d -> KeyEvent.VK_ENTER;
            case Keysyms.ESCAPE -> KeyEvent.VK_ESCAPE;
            case Keysyms.DELETE, 0xff9f -> KeyEvent.VK_DELETE;
            case 0xff50, 0xff95 -> KeyEvent.VK_HOME;
            case 0xff51, 0xff96 -> KeyEvent.VK_LEFT;
            case 0xff52, 0xff97 -> KeyEvent.VK_UP;
            case 0xff53, 0xff98 -> KeyEvent.VK_RIGHT;
            case 0xff54, 0xff99 -> KeyEvent.VK_DOWN;
            case 0xff55, 0xff9a -> KeyEvent.VK_PAGE_UP;
            case 0xff56, 0xff9b -> KeyEvent.VK_PAGE_DOWN;
            case 0xff57, 0xff9c -> KeyEvent.VK_END;
            case 0xff63, 0xff9e -> KeyEvent.VK_INSERT;
            case 0xff13 -> KeyEvent.VK_PAUSE;
            case 0xff14 -> KeyEvent.VK_SCROLL_LOCK;
            case 0xff61 -> KeyEvent.VK_PRINTSCREEN;
            case 0xff67 -> KeyEvent.VK_CONTEXT_MENU;
            case 0xff7f -> KeyEvent.VK_NUM_LOCK;
            case 0xffe5 -> KeyEvent.VK_CAPS_LOCK;
            case 0xffaa -> KeyEvent.VK_MULTIPLY;
            case 0xffab -> KeyEvent.VK_ADD;
            case 0xffac -> KeyEvent.VK_SEPARATOR;
            case 0xffad -> KeyEvent.VK_SUBTRACT;
            case 0xffae -> KeyEvent.VK_DECIMAL;
            case 0xffaf -> KeyEvent.VK_DIVIDE;
            case Keysyms.SHIFT_L, Keysyms.SHIFT_R -> KeyEvent.VK_SHIFT;
            case Keysyms.CONTROL_L, Keysyms.CONTROL_R -> KeyEvent.VK_CONTROL;
            case Keysyms.ALT_L, Keysyms.META_L, Keysyms.META_R -> KeyEvent.VK_ALT;
            case Keysyms.ALT_R, 0xfe03 -> KeyEvent.VK_ALT_GRAPH;
            case Keysyms.SUPER_L, Keysyms.SUPER_R -> KeyEvent.VK_WINDOWS;
            case 0x20 -> KeyEvent.VK_SPACE;
            default -> KeyEvent.VK_UNDEFINED;
        };
    }
}
