package io.helmdesk.protocol.message;

/**
 * The viewer drew a frame.
 *
 * @param frameId the number of the frame drawn: frame n is the n-th {@link FrameUpdate} of the session, counted from 1;
 *            acknowledges every earlier frame too; 0 or more
 */
public record FrameAck(long frameId) implements Message {

    public FrameAck {
        Checks.notNegative("frameId", frameId);
    }

    @Override
    public MessageType type() {
        return MessageType.FRAME_ACK;
    }
}
