package io.helmdesk.protocol.message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.Seeds;

/**
 * Random and damaged bytes only ever produce a {@link ProtocolException} or a valid message, never another exception
 * and never a large allocation. A message decoded from random bytes must encode back to the same bytes.
 */
class FuzzTest {

    private static final int ROUNDS = 30_000;
    private static final MessageType[] TYPES = MessageType.values();

    @Test
    void randomStreams() {
        Seeds.withSeed("random streams", random -> {
            int[] outcomes = new int[2];
            for (int round = 0; round < ROUNDS; round++) {
                byte[] bytes = new byte[random.nextInt(96)];
                random.nextBytes(bytes);
                boolean shortHeader = random.nextBoolean();
                if (bytes.length > 0 && random.nextInt(4) > 0) {
                    // Mostly past the marker, so the rest of the header and the payload get exercised too.
                    bytes[0] = (byte) (shortHeader ? Frame.SHORT_MARKER : Frame.MARKER);
                }
                if (bytes.length >= 4 && random.nextBoolean()) {
                    int type = TYPES[random.nextInt(TYPES.length)].code();
                    int at = shortHeader ? 1 : 2;
                    bytes[at - 1] = shortHeader ? bytes[0] : 0;
                    bytes[at] = (byte) (type >>> 8);
                    bytes[at + 1] = (byte) type;
                }
                outcomes[feed(bytes, new FrameDecoder(random.nextBoolean() ? 64 : Frame.DEFAULT_MAX_PAYLOAD),
                        random)]++;
            }
            assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both refusals and waits happened");
        });
    }

    @Test
    void randomPayloadsOfEveryType() {
        Seeds.withSeed("random payloads", random -> {
            for (int round = 0; round < ROUNDS; round++) {
                byte[] payload = new byte[random.nextInt(64)];
                random.nextBytes(payload);
                if (payload.length > 8 && random.nextBoolean()) {
                    // Small length prefixes, so that fields get past the limit checks.
                    payload[random.nextInt(payload.length - 4)] = 0;
                    Arrays.fill(payload, 0, Math.min(3, payload.length), (byte) 0);
                }
                decodeOrRefuse(new Frame(TYPES[random.nextInt(TYPES.length)].code(), 0, payload));
            }
        });
    }

    @Test
    void damagedMessages() {
        Seeds.withSeed("damaged messages", random -> {
            RandomMessages messages = new RandomMessages(random);
            FrameEncoder encoder = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD);
            for (int round = 0; round < ROUNDS; round++) {
                byte[] bytes = encoder.encode(MessageCodec.encode(messages.any()));
                byte[] damaged = damage(bytes, random);
                feed(damaged, new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD), random);
            }
        });
    }

    /** 0 when the decoder refused, 1 when it waits for more or decoded everything. */
    private static int feed(byte[] bytes, FrameDecoder decoder, Random random) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            while (in.hasRemaining()) {
                int chunk = Math.min(in.remaining(), 1 + random.nextInt(16));
                ByteBuffer piece = in.slice(in.position(), chunk);
                for (Frame frame : decoder.decodeAll(piece)) {
                    decodeOrRefuse(frame);
                }
                in.position(in.position() + chunk);
            }
            return 1;
        } catch (ProtocolException expected) {
            return 0;
        } catch (AssertionError failed) {
            throw failed;
        } catch (Throwable unexpected) {
            return fail("Not a ProtocolException for " + Seeds.hex(bytes), unexpected);
        }
    }

    private static void decodeOrRefuse(Frame frame) {
        Message message;
        try {
            message = MessageCodec.decode(frame);
        } catch (ProtocolException expected) {
            return;
        } catch (Throwable unexpected) {
            fail("Not a ProtocolException for " + frame + ": " + Seeds.hex(frame.payload()), unexpected);
            return;
        }
        assertArrayEquals(frame.payload(), MessageCodec.encode(message).payload(),
                () -> "Decoded " + message + " but it encodes differently from " + Seeds.hex(frame.payload()));
    }

    private static byte[] damage(byte[] bytes, Random random) {
        byte[] damaged = bytes.clone();
        switch (random.nextInt(5)) {
            case 0 -> damaged[random.nextInt(damaged.length)] ^= (byte) (1 << random.nextInt(8));
            case 1 -> damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
            case 2 -> damaged = Arrays.copyOf(damaged, random.nextInt(damaged.length));
            case 3 -> {
                // A length prefix or count turned huge or negative.
                int at = random.nextInt(damaged.length);
                damaged[at] = (byte) (random.nextBoolean() ? 0x7f : 0xff);
            }
            default -> {
                byte[] garbage = new byte[1 + random.nextInt(8)];
                random.nextBytes(garbage);
                byte[] longer = Arrays.copyOf(damaged, damaged.length + garbage.length);
                System.arraycopy(garbage, 0, longer, damaged.length, garbage.length);
                damaged = longer;
            }
        }
        return damaged;
    }
}
