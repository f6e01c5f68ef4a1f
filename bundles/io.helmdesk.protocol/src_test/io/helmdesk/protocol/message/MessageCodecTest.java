package io.helmdesk.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.PayloadWriter;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.Seeds;

class MessageCodecTest {

    /** The example in docs/protocol.md. */
    static final String HEARTBEAT_EXAMPLE = "d2 01 10 10 00 00 00 00 00 00 00 07 00 00 00 00 00 00 03 e8";

    /** The frame update example in docs/protocol.md: a 48×48 grey square, as the screen benchmark's marker flips. */
    static final String FRAME_UPDATE_EXAMPLE = "d2 02 02 0a 01 9c 0e 78 30 30 01 55 55 55";

    @Test
    void encodesTheDocumentedExample() {
        byte[] bytes = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD)
                .encode(MessageCodec.encode(new Heartbeat(7, 1000)));
        assertEquals(HEARTBEAT_EXAMPLE, HexFormat.ofDelimiter(" ").formatHex(bytes));
    }

    @Test
    void encodesTheDocumentedFrameUpdate() {
        FrameUpdate marker = new FrameUpdate(
                List.of(new FrameUpdate.Tile(1820, 120, 48, 48, FrameUpdate.TileEncoding.SOLID,
                        new byte[]{0x55, 0x55, 0x55})));
        byte[] bytes = new FrameEncoder(Frame.DEFAULT_MAX_PAYLOAD).encode(MessageCodec.encode(marker));
        assertEquals(FRAME_UPDATE_EXAMPLE, HexFormat.ofDelimiter(" ").formatHex(bytes));
        assertEquals(marker, MessageCodec.decode(new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD)
                .decode(ByteBuffer.wrap(HexFormat.ofDelimiter(" ").parseHex(FRAME_UPDATE_EXAMPLE)))));
    }

    @Test
    void frameUpdatesCostNoMoreThanWithFixedWidthFieldsOnRealScreens() {
        Seeds.withSeed("frame update sizes", random -> {
            RandomMessages messages = new RandomMessages(random);
            for (int i = 0; i < 2000; i++) {
                List<FrameUpdate.Tile> tiles = new ArrayList<>();
                for (int n = random.nextInt(600); tiles.size() < n;) {
                    FrameUpdate.Tile tile = messages.tile(4096);
                    // screens up to 16383 pixels wide and high, where the fixed layout's u16 were never exceeded
                    tiles.add(new FrameUpdate.Tile(tile.x() & 0x3FFF, tile.y() & 0x3FFF, tile.width(), tile.height(),
                            tile.encoding(), tile.data()));
                }
                FrameUpdate update = new FrameUpdate(tiles);
                // the tile count and the tiles in fixed widths (the frame id and capture time are gone altogether)
                int fixedWidth = 4
                        + tiles.stream().mapToInt(tile -> 2 + 2 + 2 + 2 + 1 + 4 + tile.data().length).sum();
                int varints = MessageCodec.encode(update).payload().length;
                assertTrue(varints <= fixedWidth, () -> varints + " bytes against " + fixedWidth + ": " + update);
            }
        });
        // The worst case, every number at its limit: 2 bytes more per tile (x and y take 3)
        FrameUpdate.Tile widest = new FrameUpdate.Tile(Limits.IMAGE_DIMENSION - 1, Limits.IMAGE_DIMENSION - 1,
                Limits.TILE_DIMENSION, Limits.TILE_DIMENSION, FrameUpdate.TileEncoding.ZLIB,
                new byte[Limits.TILE_BYTES]);
        FrameUpdate largest = new FrameUpdate(List.of(widest, widest));
        assertEquals(1 + 2 * (3 + 3 + 2 + 2 + 1 + 4 + Limits.TILE_BYTES),
                MessageCodec.encode(largest).payload().length);
    }

    @Test
    void refusesMalformedFrameUpdates() {
        assertEquals("Varint field 'tiles' is not in its shortest form (a last byte of 0)",
                decodeFailure(0x0202, hex("8100")));
        assertEquals("Field 'tiles' declares 65536 entries, more than its 65535-entry limit",
                decodeFailure(0x0202, hex("808004")));
        assertEquals("Varint field 'tile x' holds 65535, more than its limit 65534",
                decodeFailure(0x0202, hex("01" + "ffff03" + "00" + "01" + "01" + "01" + "000000")));
        assertEquals("Invalid FrameUpdate: tile width 0 is not between 1 and 1024",
                decodeFailure(0x0202, hex("01" + "00" + "00" + "00" + "01" + "01" + "000000")));
        assertEquals("Varint field 'tile height' holds 1025, more than its limit 1024",
                decodeFailure(0x0202, hex("01" + "00" + "00" + "01" + "8108" + "01" + "000000")));
        assertEquals("Unknown value 6 in field 'tile encoding'",
                decodeFailure(0x0202, hex("01" + "00" + "00" + "01" + "01" + "06" + "00")));
        // A SOLID tile's 3 bytes have no length: one missing is a truncation, not a shorter colour
        assertEquals("Truncated field 'tile data': needs 3 bytes, 2 left",
                decodeFailure(0x0202, hex("01" + "00" + "00" + "01" + "01" + "01" + "0000")));
        assertEquals("Byte field 'tile data' declares 3149825 bytes, more than its 3149824-byte limit",
                decodeFailure(0x0202, hex("01" + "00" + "00" + "01" + "01" + "02" + "81a0c001")));
        assertEquals("Truncated varint field 'tiles': cut after 1 byte", decodeFailure(0x0202, hex("80")));
        assertEquals("Varint field 'frameId' is not in its shortest form (a last byte of 0)",
                decodeFailure(0x0203, hex("8000")));
    }

    @Test
    void typeCodesAreUniqueAndSitInTheirKindsRange() {
        Set<Integer> codes = new HashSet<>();
        for (MessageType type : MessageType.values()) {
            assertTrue(codes.add(type.code()), "code used twice: " + type);
            int kind = type.code() >>> 8;
            assertTrue(kind >= 0x01 && kind <= 0x08, type + " is in a defined kind (0x01 to 0x08)");
            assertEquals(type, MessageType.fromCode(type.code()).orElseThrow());
        }
        assertTrue(MessageType.fromCode(0).isEmpty());
        for (ErrorCode code : ErrorCode.values()) {
            assertEquals(code, ErrorCode.fromCode(code.code()).orElseThrow());
        }
    }

    @Test
    void refusesUnknownTypes() {
        for (int type : new int[]{0x7f33, 0x0000, 0x0100, 0x0200, 0x0299, 0x0900, 0xffff}) {
            ProtocolException refusal = assertThrows(ProtocolException.class,
                    () -> MessageCodec.decode(new Frame(type, 0, new byte[0])));
            assertEquals(String.format("Unknown message type 0x%04x", type), refusal.getMessage());
            assertEquals(ErrorCode.UNKNOWN_MESSAGE_TYPE, refusal.code());
        }
    }

    @Test
    void refusesFlagsOnControlMessages() {
        Frame heartbeat = MessageCodec.encode(new Heartbeat(1, 2));
        ProtocolException refusal = assertThrows(ProtocolException.class,
                () -> MessageCodec.decode(new Frame(heartbeat.type(), 0x80, heartbeat.payload())));
        assertEquals("Message type 0x0110 (Heartbeat) defines no flags, got 0x80", refusal.getMessage());
    }

    @Test
    void refusesGarbageAfterEveryPayloadAndEveryTruncation() {
        Seeds.withSeed("garbage after payloads and truncated payloads", random -> {
            RandomMessages messages = new RandomMessages(random);
            for (MessageType type : MessageType.values()) {
                for (int i = 0; i < 20; i++) {
                    Frame frame = MessageCodec.encode(messages.of(type));
                    byte[] payload = frame.payload();
                    byte[] longer = Arrays.copyOf(payload, payload.length + 1 + random.nextInt(3));
                    ProtocolException garbage = assertThrows(ProtocolException.class,
                            () -> MessageCodec.decode(new Frame(frame.type(), 0, longer)));
                    assertEquals((longer.length - payload.length) + " unexpected bytes after the end of a "
                            + type.displayName() + " payload", garbage.getMessage());
                    // Every field is required, so every strict prefix is refused.
                    int cut = random.nextInt(payload.length);
                    ProtocolException truncated = assertThrows(ProtocolException.class,
                            () -> MessageCodec.decode(new Frame(frame.type(), 0, Arrays.copyOf(payload, cut))));
                    assertEquals(ErrorCode.PROTOCOL_VIOLATION, truncated.code());
                }
            }
        });
    }

    @Test
    void namesTheTruncatedField() {
        byte[] payload = new PayloadWriter().writeUnsignedShort("minVersion", 1).writeUnsignedShort("maxVersion", 1)
                .writeUnsignedByte("role", Role.AGENT.code()).writeInt("deviceId", 40).writeBytes("x", new byte[8], 8)
                .toByteArray();
        assertEquals("Truncated string field 'deviceId': declares 40 bytes, 12 left", decodeFailure(0x0101, payload));
    }

    @Test
    void refusesWellFormedButMeaninglessValues() {
        assertEquals("Invalid EnrollResult: an accepted enrollment carries a device id and no reason",
                decodeFailure(0x0104, new PayloadWriter().writeBoolean("accepted", true)
                        .writeString("deviceId", "", 10).writeString("reason", "", 10).toByteArray()));
        assertEquals("Invalid Hello: maxVersion 1 is not between 2 and 65535",
                decodeFailure(0x0101, hello(2, 1, Role.AGENT.code())));
        assertEquals("Invalid Hello: minVersion 0 is not between 1 and 65535",
                decodeFailure(0x0101, hello(0, 1, Role.AGENT.code())));
        assertEquals("Unknown value 9 in field 'role'", decodeFailure(0x0101, hello(1, 1, 9)));
        assertEquals("Field 'success' holds 0x02, not a boolean (0 or 1)",
                decodeFailure(0x0131, new PayloadWriter().writeLong("commandId", 1).writeUnsignedByte("success", 2)
                        .writeString("message", "", 1).writeBytes("payload", new byte[0], 0).toByteArray()));
        assertEquals("Invalid Challenge: nonce is 15 bytes, not between 16 and 64",
                decodeFailure(0x0105, new PayloadWriter().writeBytes("nonce", new byte[15], 64).toByteArray()));
        assertEquals("Byte field 'nonce' declares 65 bytes, more than its 64-byte limit",
                decodeFailure(0x0105, new PayloadWriter().writeBytes("nonce", new byte[65], 65).toByteArray()));
        assertEquals("Invalid Status: idleSeconds -1 is negative",
                decodeFailure(0x0120, new PayloadWriter().writeUnsignedByte("state", 1)
                        .writeString("loggedInUser", "", 0).writeLong("idleSeconds", -1).toByteArray()));
    }

    @Test
    void refusesRepeatedNames() {
        PayloadWriter command = new PayloadWriter().writeLong("commandId", 3).writeString("name", "lock", 10)
                .writeCount("arguments", 2, 2);
        for (int i = 0; i < 2; i++) {
            command.writeString("key", "reason", 10).writeString("value", "v" + i, 10);
        }
        assertEquals("Command argument 'reason' appears twice", decodeFailure(0x0130, command.toByteArray()));

        PayloadWriter info = new PayloadWriter().writeCount("sections", 2, 2);
        for (int i = 0; i < 2; i++) {
            info.writeString("section", "os", 10).writeCount("entries", 0, 0);
        }
        assertEquals("Invalid SystemInfo: section 'os' appears twice", decodeFailure(0x0122, info.toByteArray()));
    }

    @Test
    void refusesTooManyEntriesBeforeReadingThem() {
        byte[] payload = new PayloadWriter().writeInt("sections", 1_000_000).toByteArray();
        assertEquals("Field 'sections' declares 1000000 entries, more than its 64-entry limit",
                decodeFailure(0x0122, payload));
        byte[] huge = new PayloadWriter().writeLong("commandId", 1).writeString("name", "x", 1)
                .writeInt("arguments", Limits.COMMAND_ARGUMENTS).toByteArray();
        assertEquals("Truncated field 'argument name': needs 4 bytes, 0 left", decodeFailure(0x0130, huge));
    }

    @Test
    void recordsRefuseWhatCannotGoOnTheWire() {
        String tooLong = "é".repeat(129);
        assertEquals("deviceId is 258 bytes in UTF-8, more than its 256-byte limit", assertThrows(
                IllegalArgumentException.class, () -> new Authenticate(tooLong, new byte[1])).getMessage());
        assertEquals("message is not valid Unicode: a lone surrogate at index 1", assertThrows(
                IllegalArgumentException.class, () -> new Bye(Bye.Reason.SHUTDOWN, "a\uDC00")).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new Hello(1, 1, Role.AGENT, "device", new byte[0], "0.1.0", "Linux", "6.8"));
        assertThrows(IllegalArgumentException.class,
                () -> new Hello(1, 1, Role.CONSOLE, "device", new byte[0], "0.1.0", "Linux", "6.8"));
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 0; i <= Limits.COMMAND_ARGUMENTS; i++) {
            arguments.put("k" + i, "v");
        }
        assertThrows(IllegalArgumentException.class, () -> new Command(1, "lock", arguments));
        assertThrows(IllegalArgumentException.class, () -> new PreviewImage(PreviewImage.Format.PNG, 0, 1,
                new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> new Authenticated("d", 0));
        assertEquals("a SOLID tile's data is 3 bytes, not 4", assertThrows(IllegalArgumentException.class,
                () -> new FrameUpdate.Tile(0, 0, 1, 1, FrameUpdate.TileEncoding.SOLID, new byte[4])).getMessage());
        assertEquals("a COPY tile's data is 4 bytes, not 3", assertThrows(IllegalArgumentException.class,
                () -> new FrameUpdate.Tile(0, 0, 1, 1, FrameUpdate.TileEncoding.COPY, new byte[3])).getMessage());
        assertEquals("frameId -1 is negative",
                assertThrows(IllegalArgumentException.class, () -> new FrameAck(-1)).getMessage());
    }

    @Test
    void commandsKeepArgumentOrderAndCannotBeChanged() {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("z", "1");
        arguments.put("a", "2");
        Command command = new Command(5, "wake", arguments);
        arguments.put("m", "3");
        assertEquals(List.of("z", "a"), List.copyOf(command.arguments().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> command.arguments().put("x", "y"));
        Command decoded = (Command) MessageCodec.decode(MessageCodec.encode(command));
        assertEquals(List.of("z", "a"), List.copyOf(decoded.arguments().keySet()));
    }

    @Test
    void errorMessagesFitTheirLimit() {
        ErrorMessage error = ErrorMessage.of(new ProtocolException(ErrorCode.INTERNAL_ERROR, "€".repeat(2000)));
        assertEquals(1365, error.message().length(), "4096 bytes hold 1365 three-byte characters");
        assertEquals(ErrorCode.INTERNAL_ERROR, error.code());
        assertEquals("Frame of 9 bytes exceeds the 8-byte limit", ErrorMessage
                .of(new ProtocolException(ErrorCode.FRAME_TOO_LARGE, "Frame of 9 bytes exceeds the 8-byte limit"))
                .message());
    }

    @Test
    void secretsStayOutOfLogs() {
        Enroll enroll = new Enroll(Enroll.TokenKind.ENROLLMENT_TOKEN, "hde_secret-token", new byte[44], "pc-1",
                "Linux", "6.8");
        assertTrue(!enroll.toString().contains("secret"), enroll.toString());
    }

    private static byte[] hello(int min, int max, int role) {
        return new PayloadWriter().writeUnsignedShort("minVersion", min).writeUnsignedShort("maxVersion", max)
                .writeUnsignedByte("role", role).writeString("deviceId", "", 1).writeBytes("publicKey", new byte[3], 3)
                .writeString("softwareVersion", "0.1.0", 10).writeString("osName", "Linux", 10)
                .writeString("osVersion", "6.8", 10).toByteArray();
    }

    private static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static String decodeFailure(int type, byte[] payload) {
        ProtocolException failure = assertThrows(ProtocolException.class,
                () -> MessageCodec.decode(new Frame(type, 0, payload)));
        assertEquals(ErrorCode.PROTOCOL_VIOLATION, failure.code());
        return failure.getMessage();
    }
}
