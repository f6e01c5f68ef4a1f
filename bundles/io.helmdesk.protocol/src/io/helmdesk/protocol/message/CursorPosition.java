package io.helmdesk.protocol.message;

/**
 * Where the pointer is on the agent's virtual screen (it may be hidden or off every monitor).
 *
 * @param x 0 to {@link Limits#IMAGE_DIMENSION}
 * @param y 0 to {@link Limits#IMAGE_DIMENSION}
 * @param visible whether the viewer should draw it
 */
public record CursorPosition(int x, int y, boolean visible) implements Message {

    public CursorPosition {
        Checks.range("x", x, 0, Limits.IMAGE_DIMENSION);
        Checks.range("y", y, 0, Limits.IMAGE_DIMENSION);
    }

    @Override
    public MessageType type() {
        return MessageType.CURSOR_POSITION;
    }
}
