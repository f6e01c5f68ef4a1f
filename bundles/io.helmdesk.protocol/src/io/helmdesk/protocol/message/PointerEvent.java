package io.helmdesk.protocol.message;

/**
 * The operator's mouse: position and the buttons held now (presses and releases follow from the previous event, as
 * in RFB), plus wheel steps. The agent ignores it unless the end user granted control.
 *
 * @param x on the agent's virtual screen
 * @param y on the agent's virtual screen
 * @param buttons bit 0 left, bit 1 middle, bit 2 right, bits 3 and 4 back and forward
 * @param wheelX horizontal wheel steps, negative to the left; -128 to 127
 * @param wheelY vertical wheel steps, negative up; -128 to 127
 */
public record PointerEvent(int x, int y, int buttons, int wheelX, int wheelY) implements Message {

    public PointerEvent {
        Checks.range("x", x, 0, Limits.IMAGE_DIMENSION);
        Checks.range("y", y, 0, Limits.IMAGE_DIMENSION);
        Checks.range("buttons", buttons, 0, 0x1F);
        Checks.range("wheelX", wheelX, -128, 127);
        Checks.range("wheelY", wheelY, -128, 127);
    }

    @Override
    public MessageType type() {
        return MessageType.POINTER_EVENT;
    }
}
