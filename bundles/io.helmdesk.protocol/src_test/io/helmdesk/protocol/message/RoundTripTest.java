package io.helmdesk.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.Seeds;

/** decode(encode(x)) equals x for thousands of random messages of every type, however the bytes arrive. */
class RoundTripTest {

    private static final int PER_TYPE = 2000;
    private static final FrameEncoder ENCODER = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);

    @Test
    void everyMessageTypeRoundTrips() {
        Seeds.withSeed("round trip of every message type", random -> {
            RandomMessages messages = new RandomMessages(random);
            for (MessageType type : MessageType.values()) {
                for (int i = 0; i < PER_TYPE; i++) {
                    Message message = messages.of(type);
                    assertSame(type, message.type());
                    Frame frame = MessageCodec.encode(message);
                    assertEquals(type.code(), frame.type());
                    assertEquals(0, frame.flags());
                    Message decoded = MessageCodec.decode(frame);
                    assertEquals(message, decoded);
                    assertEquals(message.hashCode(), decoded.hashCode());
                    assertEquals(message.toString(), decoded.toString());
                    // One encoding per value: the decoded message writes the same bytes.
                    assertArrayEquals(frame.payload(), MessageCodec.encode(decoded).payload(), message::toString);
                }
            }
        });
    }

    @Test
    void messagesSurviveAStreamCutAtRandomPoints() {
        Seeds.withSeed("messages through a stream cut at random points", random -> {
            List<Message> sent = randomMessages(random, 5000);
            byte[] stream = encodeAll(sent);
            FrameDecoder decoder = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
            List<Message> received = new ArrayList<>();
            int position = 0;
            while (position < stream.length) {
                int chunk = Math.min(stream.length - position, cut(random));
                ByteBuffer piece = ByteBuffer.wrap(stream, position, chunk);
                decoder.decodeAll(piece).forEach(frame -> received.add(MessageCodec.decode(frame)));
                assertFalse(piece.hasRemaining());
                position += chunk;
            }
            decoder.endOfStream();
            assertEquals(sent, received);
        });
    }

    @Test
    void messagesSurviveABlockingStreamWithShortReads() {
        Seeds.withSeed("messages through a stream with short reads", random -> {
            List<Message> sent = randomMessages(random, 3000);
            InputStream in = new ShortReads(encodeAll(sent), random);
            FrameDecoder decoder = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
            List<Message> received = new ArrayList<>();
            try {
                for (Frame frame; (frame = decoder.read(in)) != null;) {
                    received.add(MessageCodec.decode(frame));
                }
                assertNull(decoder.read(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertEquals(sent, received);
        });
    }

    private static List<Message> randomMessages(Random random, int count) {
        RandomMessages messages = new RandomMessages(random);
        List<Message> sent = new ArrayList<>();
        for (MessageType type : MessageType.values()) {
            sent.add(messages.of(type));
        }
        while (sent.size() < count) {
            sent.add(messages.any());
        }
        return sent;
    }

    private static byte[] encodeAll(List<Message> messages) {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Message message : messages) {
            stream.writeBytes(ENCODER.encode(MessageCodec.encode(message)));
        }
        return stream.toByteArray();
    }

    /** Mostly tiny pieces (inside headers and fields), sometimes large ones (several frames at once). */
    private static int cut(Random random) {
        return switch (random.nextInt(4)) {
            case 0 -> 1 + random.nextInt(3);
            case 1 -> 1 + random.nextInt(Frame.LONG_HEADER_LENGTH * 3);
            case 2 -> 1 + random.nextInt(1024);
            default -> 1 + random.nextInt(256 * 1024);
        };
    }

    /** A stream that returns fewer bytes than asked, as sockets do. */
    private static final class ShortReads extends ByteArrayInputStream {

        private final Random random;

        ShortReads(byte[] bytes, Random random) {
            super(bytes);
            this.random = random;
        }

        @Override
        public synchronized int read(byte[] buffer, int offset, int length) {
            return super.read(buffer, offset, Math.min(length, cut(random)));
        }
    }
}
