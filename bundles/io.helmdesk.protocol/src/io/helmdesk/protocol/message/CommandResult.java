package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * The agent's answer to a {@link Command}.
 *
 * @param commandId the command's id
 * @param success whether the command did what it was asked
 * @param message one sentence for the operator, e.g. why it failed; may be empty
 * @param payload what the command returns, in the command's own format (empty for most); at most
 *            {@link Limits#COMMAND_PAYLOAD_BYTES}
 */
public record CommandResult(long commandId, boolean success, String message, byte[] payload) implements Message {

    public CommandResult {
        Checks.text("message", message, Limits.TEXT_BYTES);
        Checks.bytes("payload", payload, 0, Limits.COMMAND_PAYLOAD_BYTES);
    }

    public static CommandResult succeeded(long commandId, String message) {
        return new CommandResult(commandId, true, message, new byte[0]);
    }

    public static CommandResult failed(long commandId, String message) {
        return new CommandResult(commandId, false, message, new byte[0]);
    }

    @Override
    public MessageType type() {
        return MessageType.COMMAND_RESULT;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CommandResult that && commandId == that.commandId && success == that.success
                && message.equals(that.message) && Arrays.equals(payload, that.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(commandId, success, message, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "CommandResult[commandId=" + commandId + ", success=" + success + ", message=" + message
                + ", payload=" + Checks.describe(payload) + "]";
    }
}
