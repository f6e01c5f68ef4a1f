package io.helmdesk.protocol.message;

/**
 * The server accepted the agent's signature: the connection now carries the device, and the server raises its frame
 * limit.
 *
 * @param deviceId the device this connection now is
 * @param heartbeatIntervalSeconds how often the agent sends a heartbeat, 1 to 3600
 */
public record Authenticated(String deviceId, int heartbeatIntervalSeconds) implements Message {

    public Authenticated {
        Checks.nonEmpty("deviceId", deviceId, Limits.NAME_BYTES);
        Checks.range("heartbeatIntervalSeconds", heartbeatIntervalSeconds, 1, Limits.HEARTBEAT_INTERVAL_MAX_SECONDS);
    }

    @Override
    public MessageType type() {
        return MessageType.AUTHENTICATED;
    }
}
