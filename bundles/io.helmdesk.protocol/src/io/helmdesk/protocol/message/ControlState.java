package io.helmdesk.protocol.message;

/**
 * Whether the operator may control the reached computer now; sent by the agent whenever it changes (granted, refused,
 * taken back with Escape or the stop button). The viewer sends one only to give control back ({@code granted}
 * false); an agent receiving a grant closes the session: only its end user grants control.
 *
 * @param granted whether input is accepted from now on
 * @param reason e.g. "The user pressed Escape"; may be empty
 */
public record ControlState(boolean granted, String reason) implements Message {

    public ControlState {
        Checks.text("reason", reason, Limits.TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.CONTROL_STATE;
    }
}
