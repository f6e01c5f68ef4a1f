package io.helmdesk.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    private static PayloadReader reader(String hex) {
        return new PayloadReader(HexFormat.of().parseHex(hex));
    }
}
