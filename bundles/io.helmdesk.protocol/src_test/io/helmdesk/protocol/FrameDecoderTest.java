package io.helmdesk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class FrameDecoderTest {

    private static final FrameEncoder ENCODER = new FrameEncoder(Frame.MAX_PAYLOAD_CEILING);

    @Test
    void writesTheDocumentedHeader() {
        byte[] bytes = ENCODER.encode(new Frame(0x0110, 0x05, new byte[]{1, 2, 3}));
        assertEquals("d1050110" + "00000003" + "010203", HexFormat.of().formatHex(bytes));
        assertEquals("d20110" + "03" + "010203",
                HexFormat.of().formatHex(ENCODER.encode(new Frame(0x0110, 0, new byte[]{1, 2, 3}))));
    }

    @Test
    void takesTheShortHeaderUpTo255PayloadBytesWithoutFlags() {
        assertEquals(Frame.SHORT_HEADER_LENGTH + 255, ENCODER.encode(new Frame(0x0203, 0, new byte[255])).length);
        assertEquals("d20203ff", HexFormat.of().formatHex(ENCODER.encode(new Frame(0x0203, 0, new byte[255])), 0, 4));
        assertEquals("d1000203" + "00000100",
                HexFormat.of().formatHex(ENCODER.encode(new Frame(0x0203, 0, new byte[256])), 0, 8));
        assertEquals("d2020300", HexFormat.of().formatHex(ENCODER.encode(new Frame(0x0203, 0, new byte[0]))));
        assertEquals(Frame.LONG_HEADER_LENGTH, new Frame(0x0203, 1, new byte[0]).encodedLength(), "flags need it");
    }

    @Test
    void readsALongHeaderWhereAShortOneWouldDo() {
        // Both say the same: an older or simpler sender is understood.
        FrameDecoder decoder = new FrameDecoder(100);
        assertEquals(new Frame(0x0110, 0, new byte[]{7}),
                decoder.decode(ByteBuffer.wrap(HexFormat.of().parseHex("d1000110" + "00000001" + "07"))));
    }

    @Test
    void checksAShortHeaderAgainstTheLimitToo() {
        FrameDecoder decoder = new FrameDecoder(16);
        ProtocolException refusal = assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(HexFormat.of().parseHex("d2011011"))));
        assertEquals("Frame of 17 bytes exceeds the 16-byte limit", refusal.getMessage());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, refusal.code());
    }

    @Test
    void decodesAFrameFedByteByByte() {
        Frame frame = new Frame(0x0122, 0, "system info".getBytes());
        byte[] bytes = ENCODER.encode(frame);
        FrameDecoder decoder = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
        for (int i = 0; i < bytes.length - 1; i++) {
            assertNull(decoder.decode(ByteBuffer.wrap(bytes, i, 1)));
            assertTrue(decoder.isInsideFrame());
        }
        assertEquals(frame, decoder.decode(ByteBuffer.wrap(bytes, bytes.length - 1, 1)));
        assertFalse(decoder.isInsideFrame());
    }

    @Test
    void consumesOnlyTheBytesOfOneFrame() {
        Frame first = new Frame(1, 0, new byte[]{9});
        Frame empty = new Frame(2, 0, new byte[0]);
        ByteBuffer both = ByteBuffer.allocate(first.encodedLength() + empty.encodedLength() + 3);
        ENCODER.encode(first, both);
        ENCODER.encode(empty, both);
        both.put((byte) Frame.MARKER).put((byte) 0).put((byte) 0).flip();
        FrameDecoder decoder = new FrameDecoder(16);
        assertEquals(first, decoder.decode(both));
        assertEquals(first.encodedLength(), both.position());
        assertEquals(List.of(empty), decoder.decodeAll(both));
        assertFalse(both.hasRemaining(), "the start of the next frame is consumed and kept");
        assertTrue(decoder.isInsideFrame());
    }

    @Test
    void acceptsExactlyTheLimit() {
        FrameDecoder decoder = new FrameDecoder(100);
        assertEquals(100,
                decoder.decode(ByteBuffer.wrap(ENCODER.encode(new Frame(7, 0, new byte[100])))).payload().length);
        ProtocolException refusal = assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(ENCODER.encode(new Frame(7, 0, new byte[101])))));
        assertEquals("Frame of 101 bytes exceeds the 100-byte limit", refusal.getMessage());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, refusal.code());
    }

    @Test
    void refusesAnnouncedGigabytesBeforeAllocating() {
        for (String length : List.of("80000000", "ffffffff", "7fffffff", "01000001")) {
            byte[] header = HexFormat.of().parseHex("d1000101" + length);
            FrameDecoder decoder = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
            ProtocolException[] refusal = new ProtocolException[1];
            long allocated = Allocation.measure(() -> refusal[0] = assertThrows(ProtocolException.class,
                    () -> decoder.decode(ByteBuffer.wrap(header))));
            assertEquals("Frame of " + Long.parseLong(length, 16) + " bytes exceeds the 16777216-byte limit",
                    refusal[0].getMessage());
            assertTrue(allocated < 1024 * 1024, "refused after allocating " + allocated + " bytes");
        }
    }

    @Test
    void holdsOnlyWhatArrivedOfAnAnnouncedFrame() {
        FrameDecoder decoder = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
        byte[] start = new byte[Frame.LONG_HEADER_LENGTH + 100];
        System.arraycopy(HexFormat.of().parseHex("d100012201000000"), 0, start, 0, Frame.LONG_HEADER_LENGTH);
        long allocated = Allocation.measure(() -> assertNull(decoder.decode(ByteBuffer.wrap(start))));
        assertTrue(allocated < 1024 * 1024, "a 16 MiB announcement with 100 bytes sent allocated " + allocated);
    }

    @Test
    void aFrameArrivingInTwoLargeReadsTakesOnePayloadArray() {
        // A 30 KB preview decrypted from two TLS records: doubling from 8 KiB allocated 8 + 16 + 30 KB.
        byte[] frame = ENCODER.encode(new Frame(0x0121, 0, new byte[30_000]));
        FrameDecoder decoder = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
        Runnable twoReads = () -> {
            assertNull(decoder.decode(ByteBuffer.wrap(frame, 0, 16_384)));
            assertEquals(30_000,
                    decoder.decode(ByteBuffer.wrap(frame, 16_384, frame.length - 16_384)).payload().length);
        };
        twoReads.run(); // the first run also loads and initialises classes
        long allocated = Allocation.measure(twoReads);
        assertTrue(allocated < 40_000, "allocated " + allocated + " bytes for a 30,000-byte payload");
    }

    @Test
    void appliesARaisedLimitToTheNextFrame() {
        FrameDecoder decoder = new FrameDecoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD);
        byte[] large = ENCODER.encode(new Frame(0x0121, 0, new byte[100_000]));
        assertThrows(ProtocolException.class, () -> new FrameDecoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD)
                .decode(ByteBuffer.wrap(large)));
        decoder.setMaxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
        assertEquals(100_000, decoder.decode(ByteBuffer.wrap(large)).payload().length);
        assertEquals(Frame.DEFAULT_MAX_PAYLOAD, decoder.maxPayloadLength());
    }

    @Test
    void refusesLimitsBeyondTheCeiling() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(Frame.MAX_PAYLOAD_CEILING + 1));
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(-1));
        assertThrows(IllegalArgumentException.class,
                () -> new FrameDecoder(10).setMaxPayloadLength(Integer.MAX_VALUE));
    }

    @Test
    void refusesAnotherProtocolOnItsFirstByte() {
        FrameDecoder decoder = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
        // The start of a TLS ClientHello, as a client configured for TLS would send to a plain port.
        ProtocolException refusal = assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(new byte[]{0x16})));
        assertEquals("Not a Helmdesk frame: first byte 0x16, expected 0xd1 or 0xd2", refusal.getMessage());
        assertEquals(ErrorCode.PROTOCOL_VIOLATION, refusal.code());
    }

    @Test
    void refusesAllInputAfterAFailure() {
        FrameDecoder decoder = new FrameDecoder(10);
        assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(HexFormat.of().parseHex("d10001010000000b"))));
        ProtocolException again = assertThrows(ProtocolException.class,
                () -> decoder.decode(ByteBuffer.wrap(ENCODER.encode(new Frame(1, 0, new byte[1])))));
        assertTrue(again.getMessage().startsWith("The stream failed earlier: Frame of 11 bytes"), again.getMessage());
        assertEquals(ErrorCode.FRAME_TOO_LARGE, again.code());
        FrameDecoder wrongMarker = new FrameDecoder(10);
        assertThrows(ProtocolException.class, () -> wrongMarker.decode(ByteBuffer.wrap(new byte[]{0x16})));
        assertEquals("The stream failed earlier: Not a Helmdesk frame: first byte 0x16, expected 0xd1 or 0xd2",
                assertThrows(ProtocolException.class, wrongMarker::endOfStream).getMessage());
    }

    @Test
    void reportsAStreamThatEndsInsideAFrame() {
        FrameDecoder decoder = new FrameDecoder(100);
        decoder.endOfStream();
        decoder.decode(ByteBuffer.wrap(HexFormat.of().parseHex("d10001")));
        assertEquals("Stream ended inside a frame header: 3 of 8 bytes",
                assertThrows(ProtocolException.class, decoder::endOfStream).getMessage());
        FrameDecoder inShortHeader = new FrameDecoder(100);
        inShortHeader.decode(ByteBuffer.wrap(HexFormat.of().parseHex("d201")));
        assertEquals("Stream ended inside a frame header: 2 of 4 bytes",
                assertThrows(ProtocolException.class, inShortHeader::endOfStream).getMessage());

        FrameDecoder inPayload = new FrameDecoder(100);
        inPayload.decode(ByteBuffer.wrap(HexFormat.of().parseHex("d100012200000005aabb")));
        assertEquals("Stream ended inside a frame of type 0x0122: 2 of 5 payload bytes",
                assertThrows(ProtocolException.class, inPayload::endOfStream).getMessage());

        FrameDecoder inShortPayload = new FrameDecoder(100);
        inShortPayload.decode(ByteBuffer.wrap(HexFormat.of().parseHex("d2012205aabb")));
        assertEquals("Stream ended inside a frame of type 0x0122: 2 of 5 payload bytes",
                assertThrows(ProtocolException.class, inShortPayload::endOfStream).getMessage());
    }

    @Test
    void readsFromAStreamWithoutReadingAhead() throws IOException {
        Frame frame = new Frame(0x0101, 0, new byte[20_000]);
        byte[] bytes = ENCODER.encode(frame);
        byte[] withMore = new byte[bytes.length + 5];
        System.arraycopy(bytes, 0, withMore, 0, bytes.length);
        ByteArrayInputStream in = new ByteArrayInputStream(withMore);
        assertEquals(frame, new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD).read(in));
        assertEquals(5, in.available());

        assertNull(new FrameDecoder(100).read(new ByteArrayInputStream(new byte[0])));
        Frame empty = new Frame(0x0111, 0, new byte[0]);
        FrameDecoder decoder = new FrameDecoder(100);
        ByteArrayInputStream twoEmpty = new ByteArrayInputStream(
                HexFormat.of().parseHex(HexFormat.of().formatHex(ENCODER.encode(empty)).repeat(2)));
        assertEquals(4, ENCODER.encode(empty).length, "a whole frame in the short header's 4 bytes");
        assertEquals(empty, decoder.read(twoEmpty));
        assertEquals(4, twoEmpty.available(), "the second frame is left for the next read");
        assertEquals(empty, decoder.read(twoEmpty));
        assertNull(decoder.read(twoEmpty));
        Frame small = new Frame(0x0203, 0, new byte[]{5});
        ByteArrayInputStream smallThenMore = new ByteArrayInputStream(
                HexFormat.of().parseHex(HexFormat.of().formatHex(ENCODER.encode(small)) + "d1"));
        assertEquals(small, new FrameDecoder(100).read(smallThenMore));
        assertEquals(1, smallThenMore.available());
        ProtocolException truncated = assertThrows(ProtocolException.class,
                () -> new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD).read(new ByteArrayInputStream(bytes, 0, 9000)));
        assertEquals("Stream ended inside a frame of type 0x0101: 8992 of 20000 payload bytes", truncated.getMessage());
    }

    @Test
    void encodesBigEndianWhateverTheBufferOrder() {
        Frame frame = new Frame(0x0102, 0, new byte[]{42});
        ByteBuffer littleEndian = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        ENCODER.encode(frame, littleEndian);
        byte[] written = new byte[littleEndian.position()];
        littleEndian.flip().get(written);
        assertArrayEquals(ENCODER.encode(frame), written);
    }

    @Test
    void encoderRefusesWhatThePeerWouldRefuse() {
        FrameEncoder encoder = new FrameEncoder(10);
        ProtocolException refusal = assertThrows(ProtocolException.class,
                () -> encoder.encode(new Frame(1, 0, new byte[11])));
        assertEquals("Frame of 11 bytes exceeds the 10-byte limit", refusal.getMessage());

        ByteBuffer small = ByteBuffer.allocate(6); // 4 + 3 needed
        assertThrows(java.nio.BufferOverflowException.class, () -> encoder.encode(new Frame(1, 0, new byte[3]), small));
        assertEquals(0, small.position(), "nothing written when the frame does not fit");
    }

    @Test
    void framesCompareByContent() {
        assertEquals(new Frame(1, 2, new byte[]{3}), new Frame(1, 2, new byte[]{3}));
        assertEquals(new Frame(1, 2, new byte[]{3}).hashCode(), new Frame(1, 2, new byte[]{3}).hashCode());
        assertFalse(new Frame(1, 2, new byte[]{3}).equals(new Frame(1, 2, new byte[]{4})));
        assertThrows(IllegalArgumentException.class, () -> new Frame(0x10000, 0, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new Frame(1, 256, new byte[0]));
    }

    @Test
    void decodesFramesSplitAnywhere() {
        Seeds.withSeed("frames split at random points", random -> {
            List<Frame> sent = new ArrayList<>();
            ByteBuffer stream = ByteBuffer.allocate(4 * 1024 * 1024);
            while (stream.remaining() > 70_000) {
                byte[] payload = new byte[random.nextInt(10) == 0 ? random.nextInt(65_536) : random.nextInt(64)];
                random.nextBytes(payload);
                // Half without flags: small ones take the short header.
                Frame frame = new Frame(random.nextInt(0x10000), random.nextBoolean() ? 0 : random.nextInt(0x100),
                        payload);
                ENCODER.encode(frame, stream);
                sent.add(frame);
            }
            stream.flip();
            FrameDecoder decoder = new FrameDecoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD);
            List<Frame> received = new ArrayList<>();
            while (stream.hasRemaining()) {
                int chunk = Math.min(stream.remaining(), 1 + random.nextInt(random.nextBoolean() ? 16 : 100_000));
                ByteBuffer piece = stream.slice(stream.position(), chunk);
                received.addAll(decoder.decodeAll(piece));
                assertFalse(piece.hasRemaining());
                stream.position(stream.position() + chunk);
            }
            decoder.endOfStream();
            assertEquals(sent, received);
        });
    }
}
