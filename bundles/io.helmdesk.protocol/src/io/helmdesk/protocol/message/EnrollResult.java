package io.helmdesk.protocol.message;

/**
 * The server's answer to an enrollment. An accepted agent stores its device id and then proves its key with the
 * challenge that follows; a refused one shows the reason to the person at the computer.
 *
 * @param accepted whether the agent is now a device
 * @param deviceId the new device id when accepted, empty when refused
 * @param reason why not, one sentence, when refused; empty when accepted
 */
public record EnrollResult(boolean accepted, String deviceId, String reason) implements Message {

    public EnrollResult {
        Checks.text("deviceId", deviceId, Limits.NAME_BYTES);
        Checks.text("reason", reason, Limits.TEXT_BYTES);
        if (accepted && (deviceId.isEmpty() || !reason.isEmpty())) {
            throw new IllegalArgumentException("an accepted enrollment carries a device id and no reason");
        }
        if (!accepted && (!deviceId.isEmpty() || reason.isEmpty())) {
            throw new IllegalArgumentException("a refused enrollment carries a reason and no device id");
        }
    }

    public static EnrollResult accepted(String deviceId) {
        return new EnrollResult(true, deviceId, "");
    }

    public static EnrollResult refused(String reason) {
        return new EnrollResult(false, "", reason);
    }

    @Override
    public MessageType type() {
        return MessageType.ENROLL_RESULT;
    }
}
