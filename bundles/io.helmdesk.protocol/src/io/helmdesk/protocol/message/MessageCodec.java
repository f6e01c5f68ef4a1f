package io.helmdesk.protocol.message;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.PayloadReader;
import io.helmdesk.protocol.PayloadWriter;
import io.helmdesk.protocol.ProtocolException;

/**
 * Between messages and frames, in protocol version 1. Control messages define no flags: the encoder writes 0 and the
 * decoder refuses anything else. Stateless; safe to share.
 */
public final class MessageCodec {

    private MessageCodec() {
    }

    /** The message as a frame, bounded by {@link Frame#MAX_PAYLOAD_CEILING}; the frame encoder applies the peer's limit. */
    public static Frame encode(Message message) {
        PayloadWriter payload = new PayloadWriter();
        Codecs.write(message, payload);
        return new Frame(message.type().code(), 0, payload.toByteArray());
    }

    /**
     * The message in a frame.
     *
     * @throws ProtocolException {@link ErrorCode#UNKNOWN_MESSAGE_TYPE} for a type code this version does not define,
     *             {@link ErrorCode#PROTOCOL_VIOLATION} for a payload that is not the type's layout, has bytes left over
     *             or holds values the message does not allow
     */
    public static Message decode(Frame frame) {
        MessageType type = MessageType.fromCode(frame.type())
                .orElseThrow(() -> new ProtocolException(ErrorCode.UNKNOWN_MESSAGE_TYPE,
                        String.format("Unknown message type 0x%04x", frame.type())));
        if (frame.flags() != 0) {
            throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION, String.format(
                    "Message type 0x%04x (%s) defines no flags, got 0x%02x", type.code(), type.displayName(),
                    frame.flags()));
        }
        PayloadReader in = new PayloadReader(frame.payload());
        Message message;
        try {
            message = Codecs.read(type, in);
        } catch (IllegalArgumentException e) {
            // A record constructor refused a decoded value: the bytes were well-formed but meaningless.
            throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION,
                    "Invalid " + type.displayName() + ": " + e.getMessage(), e);
        }
        in.expectEnd(type.displayName());
        return message;
    }
}
