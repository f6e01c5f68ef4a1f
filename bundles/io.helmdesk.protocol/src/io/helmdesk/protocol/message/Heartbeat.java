package io.helmdesk.protocol.message;

/**
 * Proof of life. The receiver answers at once with {@link #ack()}; the sender measures the round trip with its own
 * clock and counts a connection dead after missing acknowledgements.
 *
 * @param sequence counts up from 0 on each connection
 * @param sentAtNanos the sender's {@code System.nanoTime()}; meaningful only to the sender, echoed in the ack
 */
public record Heartbeat(long sequence, long sentAtNanos) implements Message {

    /** The acknowledgement that echoes this heartbeat. */
    public HeartbeatAck ack() {
        return new HeartbeatAck(sequence, sentAtNanos);
    }

    @Override
    public MessageType type() {
        return MessageType.HEARTBEAT;
    }
}
