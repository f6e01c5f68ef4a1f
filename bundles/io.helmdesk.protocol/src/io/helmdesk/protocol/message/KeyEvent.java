package io.helmdesk.protocol.message;

/**
 * A key pressed or released on the operator's side, named by its X11 keysym: the meaning of the key (the character
 * or function), not its position, so the agent types what the operator typed whatever either keyboard layout is.
 *
 * @param keysym an X11 keysym; Unicode characters without a legacy keysym are {@code 0x01000000 + code point}
 * @param down pressed or released
 */
public record KeyEvent(int keysym, boolean down) implements Message {

    public KeyEvent {
        Checks.range("keysym", keysym, 1, 0x0110FFFF);
    }

    @Override
    public MessageType type() {
        return MessageType.KEY_EVENT;
    }
}
