package io.helmdesk.console.app.internal.session;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;

/**
 * The X11 keysym a key event of SWT stands for (SES-1): what the key means, not where it is, so the reached computer
 * types what the operator typed whatever either keyboard layout is ({@code docs/protocol.md}, KeyEvent). Keys that
 * type a character are sent as that character; functions, navigation, modifiers and the keypad by their own keysyms.
 */
final class KeySymbols {

    static final int BACKSPACE = 0xff08;
    static final int TAB = 0xff09;
    static final int LINEFEED = 0xff0a;
    static final int RETURN = 0xff0d;
    static final int PAUSE = 0xff13;
    static final int SCROLL_LOCK = 0xff14;
    static final int ESCAPE = 0xff1b;
    static final int HOME = 0xff50;
    static final int LEFT = 0xff51;
    static final int UP = 0xff52;
    static final int RIGHT = 0xff53;
    static final int DOWN = 0xff54;
    static final int PAGE_UP = 0xff55;
    static final int PAGE_DOWN = 0xff56;
    static final int END = 0xff57;
    static final int PRINT = 0xff61;
    static final int INSERT = 0xff63;
    static final int HELP = 0xff6a;
    static final int BREAK = 0xff6b;
    static final int NUM_LOCK = 0xff7f;
    static final int KP_ENTER = 0xff8d;
    static final int KP_HOME = 0xff95;
    static final int KP_LEFT = 0xff96;
    static final int KP_UP = 0xff97;
    static final int KP_RIGHT = 0xff98;
    static final int KP_DOWN = 0xff99;
    static final int KP_PAGE_UP = 0xff9a;
    static final int KP_PAGE_DOWN = 0xff9b;
    static final int KP_END = 0xff9c;
    static final int KP_INSERT = 0xff9e;
    static final int KP_DELETE = 0xff9f;
    static final int KP_MULTIPLY = 0xffaa;
    static final int KP_ADD = 0xffab;
    static final int KP_SUBTRACT = 0xffad;
    static final int KP_DECIMAL = 0xffae;
    static final int KP_DIVIDE = 0xffaf;
    static final int KP_0 = 0xffb0;
    static final int KP_EQUAL = 0xffbd;
    static final int F1 = 0xffbe;
    static final int SHIFT_L = 0xffe1;
    static final int SHIFT_R = 0xffe2;
    static final int CONTROL_L = 0xffe3;
    static final int CONTROL_R = 0xffe4;
    static final int CAPS_LOCK = 0xffe5;
    static final int ALT_L = 0xffe9;
    static final int ALT_R = 0xffea;
    static final int SUPER_L = 0xffeb;
    static final int SUPER_R = 0xffec;
    static final int ISO_LEVEL3_SHIFT = 0xfe03;
    static final int DELETE = 0xffff;
    /** Unicode characters without a legacy keysym: this plus the code point. */
    static final int UNICODE_OFFSET = 0x01000000;

    private KeySymbols() {
    }

    /**
     * The keysym of a {@code KeyDown} or {@code KeyUp} event, or 0 for an event that names no key the remote
     * computer could type (SWT reports such events for some input-method and dead-key states).
     */
    static int of(Event event) {
        int special = special(event.keyCode, event.keyLocation);
        if (special != 0) {
            return special;
        }
        char character = event.character;
        if (character >= 0x20 && character != 0x7f && !Character.isSurrogate(character)) {
            return ofCharacter(character);
        }
        // With Ctrl held the character is a control code (Ctrl+A is 0x01): the key's own character says which key.
        if (event.keyCode >= 0x20 && event.keyCode < 0x10000 && event.keyCode != 0x7f
                && !Character.isSurrogate((char) event.keyCode)) {
            return ofCharacter(event.keyCode);
        }
        return switch (character) {
            case SWT.BS -> BACKSPACE;
            case SWT.TAB -> TAB;
            case SWT.LF -> LINEFEED;
            case SWT.CR -> RETURN;
            case SWT.ESC -> ESCAPE;
            case SWT.DEL -> DELETE;
            default -> 0;
        };
    }

    /** A character's keysym: Latin-1 characters are their code point, all others 0x01000000 plus it. */
    static int ofCharacter(int codePoint) {
        if ((codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff)) {
            return codePoint;
        }
        return UNICODE_OFFSET + codePoint;
    }

    /** The keysym of a key that types no character, by SWT's key code; 0 for a character key. */
    private static int special(int keyCode, int location) {
        boolean keypad = location == SWT.KEYPAD;
        boolean right = location == SWT.RIGHT;
        if (keyCode >= SWT.F1 && keyCode <= SWT.F20) {
            return F1 + (keyCode - SWT.F1);
        }
        if (keyCode >= SWT.KEYPAD_0 && keyCode <= SWT.KEYPAD_9) {
            return KP_0 + (keyCode - SWT.KEYPAD_0);
        }
        return switch (keyCode) {
            case SWT.SHIFT -> right ? SHIFT_R : SHIFT_L;
            case SWT.CTRL -> right ? CONTROL_R : CONTROL_L;
            case SWT.ALT -> right ? ALT_R : ALT_L;
            case SWT.ALT_GR -> ISO_LEVEL3_SHIFT;
            case SWT.COMMAND -> right ? SUPER_R : SUPER_L;
            case SWT.CAPS_LOCK -> CAPS_LOCK;
            case SWT.NUM_LOCK -> NUM_LOCK;
            case SWT.SCROLL_LOCK -> SCROLL_LOCK;
            case SWT.PAUSE -> PAUSE;
            case SWT.BREAK -> BREAK;
            case SWT.PRINT_SCREEN -> PRINT;
            case SWT.HELP -> HELP;
            case SWT.ARROW_UP -> keypad ? KP_UP : UP;
            case SWT.ARROW_DOWN -> keypad ? KP_DOWN : DOWN;
            case SWT.ARROW_LEFT -> keypad ? KP_LEFT : LEFT;
            case SWT.ARROW_RIGHT -> keypad ? KP_RIGHT : RIGHT;
            case SWT.PAGE_UP -> keypad ? KP_PAGE_UP : PAGE_UP;
            case SWT.PAGE_DOWN -> keypad ? KP_PAGE_DOWN : PAGE_DOWN;
            case SWT.HOME -> keypad ? KP_HOME : HOME;
            case SWT.END -> keypad ? KP_END : END;
            case SWT.INSERT -> keypad ? KP_INSERT : INSERT;
            case SWT.DEL -> keypad ? KP_DELETE : DELETE;
            case SWT.BS -> BACKSPACE;
            case SWT.TAB -> TAB;
            case SWT.CR -> keypad ? KP_ENTER : RETURN;
            case SWT.LF -> LINEFEED;
            case SWT.ESC -> ESCAPE;
            case SWT.KEYPAD_CR -> KP_ENTER;
            case SWT.KEYPAD_ADD -> KP_ADD;
            case SWT.KEYPAD_SUBTRACT -> KP_SUBTRACT;
            case SWT.KEYPAD_MULTIPLY -> KP_MULTIPLY;
            case SWT.KEYPAD_DIVIDE -> KP_DIVIDE;
            case SWT.KEYPAD_DECIMAL -> KP_DECIMAL;
            case SWT.KEYPAD_EQUAL -> KP_EQUAL;
            default -> 0;
        };
    }
}
