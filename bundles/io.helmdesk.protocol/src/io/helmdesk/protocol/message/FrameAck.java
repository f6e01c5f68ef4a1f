package io.helmdesk.protocol.message;

/**
 * The viewer drew a frame.
 *
 * @param frameId the {@link FrameUpdate#frameId()} drawn; acknowledges every earlier frame too
 */
public record FrameAck(long frameId) implements Message {

    @Override
    public MessageType type() {
        return MessageType.FRAME_ACK;
    }
}
