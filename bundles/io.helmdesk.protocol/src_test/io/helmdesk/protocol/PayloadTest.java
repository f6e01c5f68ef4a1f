package io.helmdesk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PayloadTest {

    @Test
    void readsWhatItWrote() {
        byte[] payload = new PayloadWriter().writeUnsignedByte("a", 255).writeUnsignedShort("b", 65535)
                .writeInt("c", Integer.MIN_VALUE).writeLong("d", Long.MAX_VALUE).writeBoolean("e", true)
                .writeString("f", "Grüße, 世界 😀", 100).writeBytes("g", new byte[]{1, 2}, 2).writeCount("h", 3, 3)
                .toByteArray();
        PayloadReader in = new PayloadReader(payload);
        assertEquals(255, in.readUnsignedByte("a"));
        assertEquals(65535, in.readUnsignedShort("b"));
        assertEquals(Integer.MIN_VALUE, in.readInt("c"));
        assertEquals(Long.MAX_VALUE, in.readLong("d"));
        assertTrue(in.readBoolean("e"));
        assertEquals("Grüße, 世界 😀", in.readString("f", 100));
        assertArrayEquals(new byte[]{1, 2}, in.readBytes("g", 2));
        assertEquals(3, in.readCount("h", 3));
        in.expectEnd("test");
    }

    @Test
    void writesBigEndianWithLengthPrefixes() {
        byte[] payload = new PayloadWriter().writeUnsignedShort("v", 0x0102).writeString("s", "hé", 10)
                .writeLong("l", 1).toByteArray();
        assertEquals("0102" + "00000003" + "68c3a9" + "0000000000000001", HexFormat.of().formatHex(payload));
    }

    @Test
    void refusesAStringLongerThanItsFieldBeforeAllocating() {
        PayloadReader in = reader("0000012c" + "41".repeat(300));
        ProtocolException refusal = assertThrows(ProtocolException.class, () -> in.readString("hostname", 256));
        assertEquals("String field 'hostname' declares 300 bytes, more than its 256-byte limit", refusal.getMessage());
        assertEquals(ErrorCode.PROTOCOL_VIOLATION, refusal.code());

        PayloadReader huge = reader("7fffffff");
        long allocated = Allocation.measure(() -> assertEquals(
                "Truncated byte field 'data': declares 2147483647 bytes, 0 left",
                assertThrows(ProtocolException.class, () -> huge.readBytes("data", Integer.MAX_VALUE)).getMessage()));
        assertTrue(allocated < 1024 * 1024, "allocated " + allocated);
    }

    @Test
    void refusesTruncatedFields() {
        assertEquals("Truncated string field 'hostname': declares 40 bytes, 12 left", assertThrows(
                ProtocolException.class, () -> reader("00000028" + "41".repeat(12)).readString("hostname", 256))
                .getMessage());
        assertEquals("Truncated field 'sequence': needs 8 bytes, 3 left",
                assertThrows(ProtocolException.class, () -> reader("010203").readLong("sequence")).getMessage());
        assertEquals("Truncated field 'hostname': needs 4 bytes, 2 left",
                assertThrows(ProtocolException.class, () -> reader("0000").readString("hostname", 10)).getMessage());
    }

    @Test
    void refusesNegativeLengthsAndCounts() {
        assertEquals("Negative length -1 in field 'hostname'",
                assertThrows(ProtocolException.class, () -> reader("ffffffff").readString("hostname", 256))
                        .getMessage());
        assertEquals("Negative length -2147483648 in field 'key'",
                assertThrows(ProtocolException.class, () -> reader("80000000").readBytes("key", 256)).getMessage());
        assertEquals("Negative count -5 in field 'sections'",
                assertThrows(ProtocolException.class, () -> reader("fffffffb").readCount("sections", 64))
                        .getMessage());
        assertEquals("Field 'sections' declares 65 entries, more than its 64-entry limit",
                assertThrows(ProtocolException.class, () -> reader("00000041").readCount("sections", 64))
                        .getMessage());
    }

    @Test
    void refusesMalformedUtf8() {
        // overlong NUL, an encoded surrogate, a lone continuation byte, a cut sequence, a code point above U+10FFFF
        for (String bytes : new String[]{"c080", "eda080", "80", "e282", "f4908080"}) {
            String payload = String.format("%08x", bytes.length() / 2) + bytes;
            ProtocolException refusal = assertThrows(ProtocolException.class,
                    () -> reader(payload).readString("name", 10), bytes);
            assertEquals("String field 'name' is not valid UTF-8", refusal.getMessage());
        }
    }

    @Test
    void refusesBooleansOtherThanZeroAndOne() {
        assertEquals("Field 'success' holds 0x02, not a boolean (0 or 1)",
                assertThrows(ProtocolException.class, () -> reader("02").readBoolean("success")).getMessage());
        assertFalse(reader("00").readBoolean("success"));
    }

    @Test
    void refusesBytesAfterTheLastField() {
        PayloadReader in = reader("0000000000000001abcd");
        in.readLong("sequence");
        assertEquals("2 unexpected bytes after the end of a Heartbeat payload",
                assertThrows(ProtocolException.class, () -> in.expectEnd("Heartbeat")).getMessage());
    }

    @Test
    void writerRefusesWhatAReaderWouldRefuse() {
        PayloadWriter out = new PayloadWriter(64);
        assertEquals("String field 'hostname' is 5 bytes in UTF-8, more than its 4-byte limit",
                assertThrows(ProtocolException.class, () -> out.writeString("hostname", "hällo".substring(0, 4), 4))
                        .getMessage());
        assertEquals("String field 'name' is not valid Unicode (a lone surrogate)",
                assertThrows(ProtocolException.class, () -> out.writeString("name", "a\uD800b", 10)).getMessage());
        assertThrows(ProtocolException.class, () -> out.writeBytes("key", new byte[5], 4));
        assertThrows(ProtocolException.class, () -> out.writeUnsignedShort("width", 65536));
        assertThrows(ProtocolException.class, () -> out.writeUnsignedByte("code", -1));
        assertThrows(ProtocolException.class, () -> out.writeCount("sections", 65, 64));
        assertEquals(0, out.length(), "nothing written by refused fields");
        ProtocolException full = assertThrows(ProtocolException.class, () -> out.writeBytes("data", new byte[61], 100));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, full.code());
        assertEquals("Payload exceeds the 64-byte limit at field 'data' (65 bytes)", full.getMessage());
        assertEquals(0, out.length(), "nothing written by a field that does not fit");
    }

    @Test
    void writesVarintsLeastSignificantGroupFirst() {
        assertEquals("00", hex(new PayloadWriter().writeVarint("v", 0, 10)));
        assertEquals("7f", hex(new PayloadWriter().writeVarint("v", 127, 1000)));
        assertEquals("8001", hex(new PayloadWriter().writeVarint("v", 128, 1000)));
        assertEquals("ac02", hex(new PayloadWriter().writeVarint("v", 300, 1000)));
        assertEquals("feff03", hex(new PayloadWriter().writeVarint("v", 65534, 65534)));
        assertEquals("ffffffffffffffff7f", hex(new PayloadWriter().writeVarint("v", Long.MAX_VALUE, Long.MAX_VALUE)));
        assertEquals("03010203", hex(new PayloadWriter().writeVarBytes("b", new byte[]{1, 2, 3}, 3)));
        assertEquals("8001", hex(new PayloadWriter().writeVarCount("c", 128, 65535)));
        assertEquals("010203", hex(new PayloadWriter().writeFixedBytes("f", new byte[]{1, 2, 3}, 3)));
    }

    @Test
    void everyVarintHasExactlyOneEncoding() {
        Seeds.withSeed("varints", random -> {
            for (int i = 0; i < 100_000; i++) {
                int bits = random.nextInt(64);
                long value = bits == 0 ? 0 : random.nextLong() >>> (64 - bits) | 1L << (bits - 1);
                byte[] bytes = new PayloadWriter().writeVarint("v", value, Long.MAX_VALUE).toByteArray();
                assertEquals(Math.max(1, (bits + 6) / 7), bytes.length, () -> "bytes for " + bits + " bits");
                assertEquals(PayloadWriter.varintSize(value), bytes.length);
                PayloadReader in = new PayloadReader(bytes);
                assertEquals(value, in.readVarint("v", Long.MAX_VALUE));
                in.expectEnd("test");
            }
            // Whatever bytes a reader takes as a varint, the writer writes back exactly.
            for (int i = 0; i < 200_000; i++) {
                byte[] bytes = new byte[1 + random.nextInt(11)];
                random.nextBytes(bytes);
                if (random.nextBoolean()) {
                    bytes[bytes.length - 1] &= (byte) random.nextInt(4); // mostly ends early: 0, 1, 2 or 3
                }
                long max = random.nextBoolean() ? Long.MAX_VALUE : random.nextLong(Long.MAX_VALUE);
                PayloadReader in = new PayloadReader(bytes);
                long value;
                try {
                    value = in.readVarint("v", max);
                } catch (ProtocolException refused) {
                    assertEquals(ErrorCode.PROTOCOL_VIOLATION, refused.code());
                    continue;
                }
                assertTrue(value >= 0 && value <= max);
                int used = bytes.length - in.remaining();
                assertArrayEquals(Arrays.copyOf(bytes, used),
                        new PayloadWriter().writeVarint("v", value, max).toByteArray(), () -> Seeds.hex(bytes));
            }
        });
    }

    @Test
    void refusesVarintsThatAreNotInTheirShortestForm() {
        for (String bytes : new String[]{"8000", "ff00", "808000", "ffffff00", "ffffffffffffff8000"}) {
            assertEquals("Varint field 'frameId' is not in its shortest form (a last byte of 0)",
                    assertThrows(ProtocolException.class,
                            () -> reader(bytes).readVarint("frameId", Long.MAX_VALUE)).getMessage(),
                    bytes);
        }
    }

    @Test
    void refusesVarintsAboveTheirLimitWithoutOverflowing() {
        assertEquals("Varint field 'tile x' holds 65535, more than its limit 65534",
                assertThrows(ProtocolException.class, () -> reader("ffff03").readVarint("tile x", 65534))
                        .getMessage());
        assertEquals("Varint field 'tile x' is longer than its limit 65534 allows (more than 3 bytes)",
                assertThrows(ProtocolException.class, () -> reader("80808001").readVarint("tile x", 65534))
                        .getMessage());
        // 2^63 would overflow a long: the tenth byte is refused before it is added
        assertEquals("Varint field 'frameId' is longer than its limit 9223372036854775807 allows (more than 9 bytes)",
                assertThrows(ProtocolException.class,
                        () -> reader("80808080808080808001").readVarint("frameId", Long.MAX_VALUE)).getMessage());
        assertEquals("Varint field 'flag' holds 1, more than its limit 0",
                assertThrows(ProtocolException.class, () -> reader("01").readVarint("flag", 0)).getMessage());
        assertEquals(0, reader("00").readVarint("flag", 0));
    }

    @Test
    void refusesTruncatedVarints() {
        assertEquals("Truncated field 'frameId': needs a varint, 0 bytes left", assertThrows(
                ProtocolException.class, () -> reader("").readVarint("frameId", Long.MAX_VALUE)).getMessage());
        assertEquals("Truncated varint field 'frameId': cut after 1 byte", assertThrows(ProtocolException.class,
                () -> reader("80").readVarint("frameId", Long.MAX_VALUE)).getMessage());
        assertEquals("Truncated varint field 'frameId': cut after 3 bytes", assertThrows(ProtocolException.class,
                () -> reader("ffffff").readVarint("frameId", Long.MAX_VALUE)).getMessage());
    }

    @Test
    void refusesVarintLengthsAndCountsAboveTheirLimitsBeforeAllocating() {
        PayloadReader huge = reader("ffffffff07"); // 2^31 - 1 bytes announced, none there
        long allocated = Allocation.measure(() -> assertEquals(
                "Byte field 'tile data' declares 2147483647 bytes, more than its 3149824-byte limit",
                assertThrows(ProtocolException.class, () -> huge.readVarBytes("tile data", 3149824)).getMessage()));
        assertTrue(allocated < 1024 * 1024, "allocated " + allocated);
        assertEquals("Truncated byte field 'tile data': declares 40 bytes, 12 left", assertThrows(
                ProtocolException.class, () -> reader("28" + "41".repeat(12)).readVarBytes("tile data", 100))
                .getMessage());
        assertEquals("Varint field 'tile data' is longer than its limit 2147483647 allows (more than 5 bytes)",
                assertThrows(ProtocolException.class, () -> reader("ffffffff8f01").readVarBytes("tile data", 100))
                        .getMessage());
        assertEquals("Field 'tiles' declares 65536 entries, more than its 65535-entry limit",
                assertThrows(ProtocolException.class, () -> reader("808004").readVarCount("tiles", 65535))
                        .getMessage());
        assertEquals("Truncated field 'tile data': needs 3 bytes, 2 left",
                assertThrows(ProtocolException.class, () -> reader("0102").readFixedBytes("tile data", 3))
                        .getMessage());
    }

    @Test
    void writerRefusesVarintsTheReaderWouldRefuse() {
        PayloadWriter out = new PayloadWriter(64);
        assertEquals("Varint field 'tile x' value 65535 is not between 0 and 65534",
                assertThrows(ProtocolException.class, () -> out.writeVarint("tile x", 65535, 65534)).getMessage());
        assertEquals("Varint field 'frameId' value -1 is not between 0 and 9223372036854775807", assertThrows(
                ProtocolException.class, () -> out.writeVarint("frameId", -1, Long.MAX_VALUE)).getMessage());
        assertThrows(ProtocolException.class, () -> out.writeVarBytes("data", new byte[5], 4));
        assertThrows(ProtocolException.class, () -> out.writeVarCount("tiles", 65536, 65535));
        assertEquals("Byte field 'tile data' is 4 bytes, not 3", assertThrows(ProtocolException.class,
                () -> out.writeFixedBytes("tile data", new byte[4], 3)).getMessage());
        assertEquals(0, out.length(), "nothing written by refused fields");
        ProtocolException full = assertThrows(ProtocolException.class,
                () -> out.writeVarBytes("data", new byte[64], 100));
        assertEquals(ErrorCode.FRAME_TOO_LARGE, full.code());
        assertEquals("Payload exceeds the 64-byte limit at field 'data' (65 bytes)", full.getMessage());
        assertEquals(0, out.length(), "nothing written by a field that does not fit");
    }

    private static String hex(PayloadWriter writer) {
        return HexFormat.of().formatHex(writer.toByteArray());
    }

    private static PayloadReader reader(String hex) {
        return new PayloadReader(HexFormat.of().parseHex(hex));
    }
}
