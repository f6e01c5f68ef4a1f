package io.helmdesk.transport.internal;

import java.nio.ByteBuffer;
import java.util.function.Predicate;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;

/**
 * The received side of one connection: decrypted bytes in, messages out. One {@link FrameDecoder} keeps the bytes of
 * an unfinished frame between reads and checks the announced length before it allocates. Used by the connection's
 * network thread only; the limit may be changed from any thread and applies from the next frame header.
 */
final class InboundFrames {

    private final FrameDecoder decoder;
    private volatile int maxPayloadLength;

    InboundFrames(int maxPayloadLength) {
        this.decoder = new FrameDecoder(maxPayloadLength);
        this.maxPayloadLength = maxPayloadLength;
    }

    void maxPayloadLength(int bytes) {
        if (bytes < 0 || bytes > Frame.MAX_PAYLOAD_CEILING) {
            throw new IllegalArgumentException(
                    "The payload limit must be between 0 and " + Frame.MAX_PAYLOAD_CEILING + ", not " + bytes);
        }
        this.maxPayloadLength = bytes;
    }

    /**
     * Decodes the messages in {@code bytes}, handing each to {@code sink} while it returns {@code true}; the bytes of
     * an unfinished frame are kept for the next call.
     *
     * @throws ProtocolException when the bytes are not a valid frame or message; the stream is lost then
     */
    void decode(ByteBuffer bytes, Predicate<Message> sink) {
        while (bytes.hasRemaining()) {
            int limit = maxPayloadLength;
            if (decoder.maxPayloadLength() != limit) {
                decoder.setMaxPayloadLength(limit);
            }
            Frame frame = decoder.decode(bytes);
            if (frame == null || !sink.test(MessageCodec.decode(frame))) {
                return;
            }
        }
    }
}
