package io.helmdesk.protocol.message;

/**
 * The operator asks to control the reached computer. Only the end user can grant it, on the agent's screen; the
 * agent answers with a {@link ControlState}.
 *
 * @param message what the end user reads beside the operator's name; may be empty
 */
public record ControlRequest(String message) implements Message {

    public ControlRequest {
        Checks.text("message", message, Limits.TEXT_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.CONTROL_REQUEST;
    }
}
