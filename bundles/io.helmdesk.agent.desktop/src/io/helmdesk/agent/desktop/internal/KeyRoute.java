package io.helmdesk.agent.desktop.internal;

/**
 * How a sink types a keysym, given where the local keyboard layout has it. The remote user's own Shift arrives as a
 * key of its own, so the layout's key only types the right symbol when it is on the level the held Shift selects;
 * otherwise the symbol itself is typed (X11: a spare key bound to it; Windows: as a Unicode character). Shortcuts are
 * the exception: with Control, Alt or Super held the application looks at the key, so the key is pressed.
 */
public enum KeyRoute {

    /** Press the layout's key for the keysym. */
    KEY,
    /** Type the symbol itself, whatever the layout and the modifiers held. */
    SYMBOL;

    /**
     * @param onPlainLevel the layout has the keysym on some key without modifiers
     * @param onShiftLevel the layout has the keysym on some key with Shift
     * @param shiftHeld the sink holds a Shift key down
     * @param commandHeld the sink holds Control, Alt, Meta, Super or Hyper down
     */
    public static KeyRoute choose(boolean onPlainLevel, boolean onShiftLevel, boolean shiftHeld, boolean commandHeld) {
        if (shiftHeld ? onShiftLevel : onPlainLevel) {
            return KEY;
        }
        if (commandHeld && (onPlainLevel || onShiftLevel)) {
            return KEY;
        }
        return SYMBOL;
    }
}
