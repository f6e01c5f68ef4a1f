package io.helmdesk.protocol.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.helmdesk.protocol.ErrorCode;

/**
 * Random but valid messages of every type, biased towards edges: empty and full-length fields, extreme numbers,
 * multi-byte and supplementary characters, NUL.
 */
final class RandomMessages {

    private static final int[] SAMPLE = "Helmdesk äöü ß 世界 \u0000".codePoints().toArray();

    private final Random random;

    RandomMessages(Random random) {
        this.random = random;
    }

    Message any() {
        MessageType[] types = MessageType.values();
        return of(types[random.nextInt(types.length)]);
    }

    Message of(MessageType type) {
        return switch (type) {
            case HELLO -> hello();
            case WELCOME -> new Welcome(version(), anyLong(), nonEmpty(Limits.NAME_BYTES));
            case ENROLL -> new Enroll(pick(Enroll.TokenKind.values()), nonEmpty(Limits.TOKEN_BYTES),
                    bytes(1, Limits.PUBLIC_KEY_BYTES), nonEmpty(Limits.NAME_BYTES), text(Limits.NAME_BYTES),
                    text(Limits.NAME_BYTES));
            case ENROLL_RESULT -> random.nextBoolean()
                    ? EnrollResult.accepted(nonEmpty(Limits.NAME_BYTES))
                    : EnrollResult.refused(nonEmpty(Limits.TEXT_BYTES));
            case CHALLENGE -> new Challenge(bytes(Limits.NONCE_MIN_BYTES, Limits.NONCE_MAX_BYTES));
            case AUTHENTICATE -> new Authenticate(nonEmpty(Limits.NAME_BYTES), bytes(1, Limits.SIGNATURE_BYTES));
            case AUTHENTICATED -> new Authenticated(nonEmpty(Limits.NAME_BYTES),
                    between(1, Limits.HEARTBEAT_INTERVAL_MAX_SECONDS));
            case HEARTBEAT -> new Heartbeat(anyLong(), anyLong());
            case HEARTBEAT_ACK -> new HeartbeatAck(anyLong(), anyLong());
            case STATUS -> new Status(pick(Status.State.values()), text(Limits.NAME_BYTES), anyLong() & Long.MAX_VALUE);
            case PREVIEW_IMAGE -> new PreviewImage(pick(PreviewImage.Format.values()),
                    between(1, Limits.IMAGE_DIMENSION), between(1, Limits.IMAGE_DIMENSION),
                    bytes(1, Limits.PREVIEW_IMAGE_BYTES));
            case SYSTEM_INFO -> systemInfo();
            case COMMAND -> command();
            case COMMAND_RESULT -> new CommandResult(anyLong(), random.nextBoolean(), text(Limits.TEXT_BYTES),
                    bytes(0, Limits.COMMAND_PAYLOAD_BYTES));
            case ERROR -> new ErrorMessage(pick(ErrorCode.values()), nonEmpty(Limits.TEXT_BYTES));
            case BYE -> new Bye(pick(Bye.Reason.values()), text(Limits.TEXT_BYTES));
            case RELAY_JOIN -> new RelayJoin(nonEmpty(Limits.TOKEN_BYTES));
            case RELAY_PAIRED -> new RelayPaired(nonEmpty(Limits.NAME_BYTES), pick(Role.values()));
            case DISPLAY_LAYOUT -> displayLayout();
            case FRAME_UPDATE -> frameUpdate();
            case FRAME_ACK -> new FrameAck(varint(Long.MAX_VALUE));
            case CURSOR_SHAPE -> cursorShape();
            case CURSOR_POSITION -> new CursorPosition(between(0, Limits.IMAGE_DIMENSION),
                    between(0, Limits.IMAGE_DIMENSION), random.nextBoolean());
            case POINTER_EVENT ->
                new PointerEvent(between(0, Limits.IMAGE_DIMENSION), between(0, Limits.IMAGE_DIMENSION),
                        between(0, 0x1F), between(-128, 127), between(-128, 127));
            case KEY_EVENT -> new KeyEvent(between(1, 0x0110FFFF), random.nextBoolean());
            case SPECIAL_KEYS -> new SpecialKeys(pick(SpecialKeys.Sequence.values()));
            case CLIPBOARD_TEXT -> new ClipboardText(text(Limits.CLIPBOARD_BYTES));
            case CHAT_MESSAGE -> new ChatMessage(anyLong(), text(Limits.NAME_BYTES), nonEmpty(Limits.TEXT_BYTES));
            case FILE_OFFER -> new FileOffer(anyLong(), path(), anyLong() & Long.MAX_VALUE, bytes(32, 32));
            case FILE_ACCEPT -> new FileAccept(anyLong(), anyLong() & Long.MAX_VALUE);
            case FILE_CHUNK -> new FileChunk(anyLong(), anyLong() & Long.MAX_VALUE, random.nextInt(),
                    bytes(1, Limits.FILE_CHUNK_BYTES));
            case FILE_DONE -> new FileDone(anyLong(), random.nextBoolean(), text(Limits.TEXT_BYTES));
            case FILE_REQUEST -> new FileRequest(anyLong(), path());
            case FILE_LIST_REQUEST -> new FileListRequest(random.nextInt(4) == 0 ? "" : path());
            case FILE_LISTING -> fileListing();
            case CONTROL_REQUEST -> new ControlRequest(text(Limits.TEXT_BYTES));
            case CONTROL_STATE -> new ControlState(random.nextBoolean(), text(Limits.TEXT_BYTES));
            case SESSION_EVENT ->
                new SessionEvent(nonEmpty(Limits.NAME_BYTES), anyLong(), pick(SessionEvent.Kind.values()),
                        text(Limits.NAME_BYTES), text(Limits.TEXT_BYTES));
        };
    }

    private Hello hello() {
        int min = version();
        int max = between(min, 0xFFFF);
        Role role = pick(Role.values());
        return role == Role.AGENT
                ? new Hello(min, max, role, text(Limits.NAME_BYTES), bytes(1, Limits.PUBLIC_KEY_BYTES),
                        text(Limits.NAME_BYTES), text(Limits.NAME_BYTES), text(Limits.NAME_BYTES))
                : new Hello(min, max, role, "", new byte[0], text(Limits.NAME_BYTES), text(Limits.NAME_BYTES),
                        text(Limits.NAME_BYTES));
    }

    private SystemInfo systemInfo() {
        int sectionCount = random.nextInt(20) == 0 ? Limits.SYSTEM_INFO_SECTIONS : random.nextInt(7);
        Set<String> names = new LinkedHashSet<>();
        while (names.size() < sectionCount) {
            names.add(nonEmpty(Limits.NAME_BYTES));
        }
        List<SystemInfo.Section> sections = new ArrayList<>();
        for (String name : names) {
            int entryCount = random.nextInt(50) == 0 ? Limits.SYSTEM_INFO_ENTRIES : random.nextInt(8);
            List<SystemInfo.Entry> entries = new ArrayList<>();
            for (int i = 0; i < entryCount; i++) {
                // Repeated keys are allowed; short ones repeat often.
                String key = random.nextInt(4) == 0 ? "address" : nonEmpty(Limits.NAME_BYTES);
                entries.add(new SystemInfo.Entry(key, text(Limits.TEXT_BYTES)));
            }
            sections.add(new SystemInfo.Section(name, entries));
        }
        return new SystemInfo(sections);
    }

    private DisplayLayout displayLayout() {
        int width = between(1, Limits.IMAGE_DIMENSION);
        int height = between(1, Limits.IMAGE_DIMENSION);
        int count = between(1, Limits.MONITORS);
        List<DisplayLayout.Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int x = random.nextInt(width);
            int y = random.nextInt(height);
            monitors.add(new DisplayLayout.Monitor(between(0, 0xFFFF), x, y, between(1, width - x),
                    between(1, height - y), random.nextBoolean(), text(Limits.NAME_BYTES)));
        }
        return new DisplayLayout(width, height, monitors);
    }

    private FrameUpdate frameUpdate() {
        int count = random.nextInt(40) == 0 ? 2000 : random.nextInt(12);
        List<FrameUpdate.Tile> tiles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            tiles.add(tile(count > 100 ? 64 : Limits.TILE_BYTES));
        }
        return new FrameUpdate(tiles);
    }

    FrameUpdate.Tile tile(int maxBytes) {
        FrameUpdate.TileEncoding encoding = pick(FrameUpdate.TileEncoding.values());
        int fixed = encoding.fixedDataLength();
        return new FrameUpdate.Tile((int) varint(Limits.IMAGE_DIMENSION - 1), (int) varint(Limits.IMAGE_DIMENSION - 1),
                (int) Math.max(1, varint(Limits.TILE_DIMENSION)), (int) Math.max(1, varint(Limits.TILE_DIMENSION)),
                encoding, fixed >= 0 ? bytes(fixed, fixed) : bytes(0, maxBytes));
    }

    /**
     * 0 to {@code max}, often where a varint takes one more byte (127 and 128, 16383 and 16384, ...) or at the ends.
     */
    long varint(long max) {
        return switch (random.nextInt(6)) {
            case 0 -> 0;
            case 1 -> max;
            case 2 -> {
                int bits = 7 * (1 + random.nextInt(9));
                long edge = bits >= 63 ? Long.MAX_VALUE : (1L << bits) - 1 + random.nextInt(2);
                yield Math.min(max, edge);
            }
            case 3 -> random.nextLong(Math.min(max, 1000) + 1);
            default -> random.nextLong(max) + (random.nextBoolean() ? 1 : 0);
        };
    }

    private CursorShape cursorShape() {
        int width = between(1, Limits.CURSOR_DIMENSION);
        int height = between(1, Limits.CURSOR_DIMENSION);
        byte[] argb = new byte[width * height * 4];
        random.nextBytes(argb);
        return new CursorShape(anyLong(), random.nextInt(width), random.nextInt(height), width, height, argb);
    }

    private FileListing fileListing() {
        int count = random.nextInt(30) == 0 ? Limits.FILE_LIST_ENTRIES : random.nextInt(8);
        List<FileListing.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new FileListing.Entry(nonEmpty(Limits.NAME_BYTES), random.nextBoolean(),
                    anyLong() & Long.MAX_VALUE, anyLong()));
        }
        return new FileListing(random.nextBoolean() ? "" : path(), entries, text(Limits.TEXT_BYTES));
    }

    /** A valid relative path of one to four segments. */
    private String path() {
        int segments = between(1, 4);
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments; i++) {
            String segment = nonEmpty(48).replace('/', '_').replace('\\', '_').replace(':', '_').replace('\0', '_');
            if (segment.equals(".") || segment.equals("..")) {
                segment = "dots";
            }
            path.append(i == 0 ? "" : "/").append(segment);
        }
        return path.toString();
    }

    private Command command() {
        int count = random.nextInt(30) == 0 ? Limits.COMMAND_ARGUMENTS : random.nextInt(6);
        Map<String, String> arguments = new LinkedHashMap<>();
        while (arguments.size() < count) {
            arguments.put(nonEmpty(Limits.NAME_BYTES), text(Limits.TEXT_BYTES));
        }
        return new Command(anyLong(), nonEmpty(Limits.NAME_BYTES), arguments);
    }

    /** A string of at most {@code maxBytes} in UTF-8, possibly empty. */
    String text(int maxBytes) {
        int kind = random.nextInt(20);
        if (kind == 0) {
            return "";
        }
        if (kind == 1) {
            return fill(maxBytes);
        }
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        int length = random.nextInt(kind < 4 ? 200 : 24);
        for (int i = 0; i < length; i++) {
            int codePoint = codePoint();
            int size = utf8Size(codePoint);
            if (bytes + size > maxBytes) {
                break;
            }
            bytes += size;
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    String nonEmpty(int maxBytes) {
        String text = text(maxBytes);
        return text.isEmpty() ? "x" : text;
    }

    /** Exactly {@code maxBytes} of UTF-8, mixing one-, two-, three- and four-byte characters. */
    private String fill(int maxBytes) {
        StringBuilder text = new StringBuilder();
        int bytes = 0;
        while (bytes < maxBytes) {
            int codePoint = codePoint();
            if (bytes + utf8Size(codePoint) > maxBytes) {
                codePoint = 'a' + random.nextInt(26);
            }
            bytes += utf8Size(codePoint);
            text.appendCodePoint(codePoint);
        }
        return text.toString();
    }

    private int codePoint() {
        return switch (random.nextInt(6)) {
            case 0 -> random.nextInt(0x20);
            case 1 -> 0x20 + random.nextInt(0x5F);
            case 2 -> 0x80 + random.nextInt(0x780);
            case 3 -> {
                int c = 0x800 + random.nextInt(0x10000 - 0x800 - 0x800);
                yield c >= Character.MIN_SURROGATE ? c + 0x800 : c;
            }
            case 4 -> 0x10000 + random.nextInt(0x100000);
            default -> SAMPLE[random.nextInt(SAMPLE.length)];
        };
    }

    private static int utf8Size(int codePoint) {
        return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
    }

    byte[] bytes(int min, int max) {
        int kind = random.nextInt(100);
        int length;
        if (kind < 5) {
            length = min;
        } else if (kind < 8 && max <= 65_536 || kind == 8 && random.nextInt(20) == 0) {
            length = max;
        } else {
            length = between(min, Math.min(max, min + 64));
        }
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private long anyLong() {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> Long.MIN_VALUE;
            case 2 -> Long.MAX_VALUE;
            case 3 -> -1;
            case 4 -> random.nextInt(1000);
            default -> random.nextLong();
        };
    }

    private int version() {
        return random.nextInt(4) == 0 ? 0xFFFF : between(1, 3);
    }

    int between(int min, int max) {
        int kind = random.nextInt(10);
        if (kind == 0) {
            return min;
        }
        if (kind == 1) {
            return max;
        }
        return min + random.nextInt(max - min + 1);
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }
}
