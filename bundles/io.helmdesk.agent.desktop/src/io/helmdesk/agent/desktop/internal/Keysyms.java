package io.helmdesk.agent.desktop.internal;

/** The X11 keysyms the sinks treat specially, and what character a keysym types. */
public final class Keysyms {

    public static final int BACKSPACE = 0xff08;
    public static final int TAB = 0xff09;
    public static final int RETURN = 0xff0d;
    public static final int ESCAPE = 0xff1b;
    public static final int DELETE = 0xffff;
    public static final int SHIFT_L = 0xffe1;
    public static final int SHIFT_R = 0xffe2;
    public static final int CONTROL_L = 0xffe3;
    public static final int CONTROL_R = 0xffe4;
    public static final int META_L = 0xffe7;
    public static final int META_R = 0xffe8;
    public static final int ALT_L = 0xffe9;
    public static final int ALT_R = 0xffea;
    public static final int SUPER_L = 0xffeb;
    public static final int SUPER_R = 0xffec;
    public static final int HYPER_L = 0xffed;
    public static final int HYPER_R = 0xffee;
    public static final int EURO_SIGN = 0x20ac;
    /** Keysyms {@code 0x01000100}–{@code 0x0110ffff} are Unicode code points plus this. */
    public static final int UNICODE_OFFSET = 0x01000000;

    private Keysyms() {
    }

    public static boolean isShift(int keysym) {
        return keysym == SHIFT_L || keysym == SHIFT_R;
    }

    /** Modifiers that make a key a shortcut (Control, Alt, Meta, Super, Hyper), where the key counts, not its symbol. */
    public static boolean isCommandModifier(int keysym) {
        return keysym >= CONTROL_L && keysym <= HYPER_R && keysym != 0xffe5 && keysym != 0xffe6;
    }

    /**
     * The Unicode character {@code keysym} types, or -1 for function keys and for legacy keysyms outside Latin-1 (other
     * than the euro sign): viewers send those as Unicode keysyms, which are covered.
     */
    public static int codePoint(int keysym) {
        if ((keysym >= 0x20 && keysym <= 0x7e) || (keysym >= 0xa0 && keysym <= 0xff)) {
            return keysym;
        }
        if (keysym >= UNICODE_OFFSET + 0x100 && keysym <= UNICODE_OFFSET + 0x10ffff) {
            return keysym - UNICODE_OFFSET;
        }
        if (keysym == EURO_SIGN) {
            return 0x20ac;
        }
        return -1;
    }
}
