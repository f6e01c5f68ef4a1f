package io.helmdesk.protocol.message;

/**
 * The viewer drew a frame.
 *
 * @param frameId the {@link FrameUpdate#frameId()} drawn; acknowledges every earlier frame too; 0 or more
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
