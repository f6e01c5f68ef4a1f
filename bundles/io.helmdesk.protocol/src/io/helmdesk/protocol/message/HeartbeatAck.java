package io.helmdesk.protocol.message;

/**
 * The answer to a {@link Heartbeat}, echoing its fields.
 *
 * @param sequence the heartbeat's sequence number
 * @param sentAtNanos the heartbeat's send time, unchanged
 */
public record HeartbeatAck(long sequence, long sentAtNanos) implements Message {

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT_ACK;
    }
}
