package io.helmdesk.protocol.message;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.PayloadReader;
import io.helmdesk.protocol.PayloadWriter;
import io.helmdesk.protocol.ProtocolException;

/**
 * The payload layout of every message, field by field, in version 1. Both switches are exhaustive, so the compiler
 * refuses a message type without a writer or a reader.
 */
final class Codecs {

    private Codecs() {
    }

    static void write(Message message, PayloadWriter out) {
        switch (message) {
            case Hello m -> {
                out.writeUnsignedShort("minVersion", m.minVersion());
                out.writeUnsignedShort("maxVersion", m.maxVersion());
                out.writeUnsignedByte("role", m.role().code());
                out.writeString("deviceId", m.deviceId(), Limits.NAME_BYTES);
                out.writeBytes("publicKey", m.publicKey(), Limits.PUBLIC_KEY_BYTES);
                out.writeString("softwareVersion", m.softwareVersion(), Limits.NAME_BYTES);
                out.writeString("osName", m.osName(), Limits.NAME_BYTES);
                out.writeString("osVersion", m.osVersion(), Limits.NAME_BYTES);
            }
            case Welcome m -> {
                out.writeUnsignedShort("version", m.version());
                out.writeLong("serverTimeMillis", m.serverTimeMillis());
                out.writeString("connectionId", m.connectionId(), Limits.NAME_BYTES);
            }
            case Enroll m -> {
                out.writeUnsignedByte("tokenKind", m.tokenKind().code());
                out.writeString("token", m.token(), Limits.TOKEN_BYTES);
                out.writeBytes("publicKey", m.publicKey(), Limits.PUBLIC_KEY_BYTES);
                out.writeString("deviceName", m.deviceName(), Limits.NAME_BYTES);
                out.writeString("osName", m.osName(), Limits.NAME_BYTES);
                out.writeString("osVersion", m.osVersion(), Limits.NAME_BYTES);
            }
            case EnrollResult m -> {
                out.writeBoolean("accepted", m.accepted());
                out.writeString("deviceId", m.deviceId(), Limits.NAME_BYTES);
                out.writeString("reason", m.reason(), Limits.TEXT_BYTES);
            }
            case Challenge m -> out.writeBytes("nonce", m.nonce(), Limits.NONCE_MAX_BYTES);
            case Authenticate m -> {
                out.writeString("deviceId", m.deviceId(), Limits.NAME_BYTES);
                out.writeBytes("signature", m.signature(), Limits.SIGNATURE_BYTES);
            }
            case Authenticated m -> {
                out.writeString("deviceId", m.deviceId(), Limits.NAME_BYTES);
                out.writeUnsignedShort("heartbeatIntervalSeconds", m.heartbeatIntervalSeconds());
            }
            case Heartbeat m -> {
                out.writeLong("sequence", m.sequence());
                out.writeLong("sentAtNanos", m.sentAtNanos());
            }
            case HeartbeatAck m -> {
                out.writeLong("sequence", m.sequence());
                out.writeLong("sentAtNanos", m.sentAtNanos());
            }
            case Status m -> {
                out.writeUnsignedByte("state", m.state().code());
                out.writeString("loggedInUser", m.loggedInUser(), Limits.NAME_BYTES);
                out.writeLong("idleSeconds", m.idleSeconds());
            }
            case PreviewImage m -> {
                out.writeUnsignedByte("format", m.format().code());
                out.writeUnsignedShort("width", m.width());
                out.writeUnsignedShort("height", m.height());
                out.writeBytes("data", m.data(), Limits.PREVIEW_IMAGE_BYTES);
            }
            case SystemInfo m -> {
                out.writeCount("sections", m.sections().size(), Limits.SYSTEM_INFO_SECTIONS);
                for (SystemInfo.Section section : m.sections()) {
                    out.writeString("section", section.name(), Limits.NAME_BYTES);
                    out.writeCount("entries", section.entries().size(), Limits.SYSTEM_INFO_ENTRIES);
                    for (SystemInfo.Entry entry : section.entries()) {
                        out.writeString("key", entry.key(), Limits.NAME_BYTES);
                        out.writeString("value", entry.value(), Limits.TEXT_BYTES);
                    }
                }
            }
            case Command m -> {
                out.writeLong("commandId", m.commandId());
                out.writeString("name", m.name(), Limits.NAME_BYTES);
                out.writeCount("arguments", m.arguments().size(), Limits.COMMAND_ARGUMENTS);
                for (Map.Entry<String, String> argument : m.arguments().entrySet()) {
                    out.writeString("argument name", argument.getKey(), Limits.NAME_BYTES);
                    out.writeString("argument value", argument.getValue(), Limits.TEXT_BYTES);
                }
            }
            case CommandResult m -> {
                out.writeLong("commandId", m.commandId());
                out.writeBoolean("success", m.success());
                out.writeString("message", m.message(), Limits.TEXT_BYTES);
                out.writeBytes("payload", m.payload(), Limits.COMMAND_PAYLOAD_BYTES);
            }
            case ErrorMessage m -> {
                out.writeUnsignedByte("code", m.code().code());
                out.writeString("message", m.message(), Limits.TEXT_BYTES);
            }
            case Bye m -> {
                out.writeUnsignedByte("reason", m.reason().code());
                out.writeString("message", m.message(), Limits.TEXT_BYTES);
            }
            case RelayJoin m -> out.writeString("ticket", m.ticket(), Limits.TOKEN_BYTES);
            case RelayPaired m -> {
                out.writeString("sessionId", m.sessionId(), Limits.NAME_BYTES);
                out.writeUnsignedByte("peerRole", m.peerRole().code());
            }
            case DisplayLayout m -> {
                out.writeUnsignedShort("width", m.width());
                out.writeUnsignedShort("height", m.height());
                out.writeCount("monitors", m.monitors().size(), Limits.MONITORS);
                for (DisplayLayout.Monitor monitor : m.monitors()) {
                    out.writeUnsignedShort("monitor id", monitor.id());
                    out.writeUnsignedShort("monitor x", monitor.x());
                    out.writeUnsignedShort("monitor y", monitor.y());
                    out.writeUnsignedShort("monitor width", monitor.width());
                    out.writeUnsignedShort("monitor height", monitor.height());
                    out.writeBoolean("monitor primary", monitor.primary());
                    out.writeString("monitor name", monitor.name(), Limits.NAME_BYTES);
                }
            }
            case FrameUpdate m -> {
                // Varints: the one message sent many times a second, where fixed widths were most of a small frame
                out.writeVarCount("tiles", m.tiles().size(), Limits.FRAME_TILES);
                for (FrameUpdate.Tile tile : m.tiles()) {
                    out.writeVarint("tile x", tile.x(), Limits.IMAGE_DIMENSION - 1);
                    out.writeVarint("tile y", tile.y(), Limits.IMAGE_DIMENSION - 1);
                    out.writeVarint("tile width", tile.width(), Limits.TILE_DIMENSION);
                    out.writeVarint("tile height", tile.height(), Limits.TILE_DIMENSION);
                    out.writeUnsignedByte("tile encoding", tile.encoding().code());
                    int fixed = tile.encoding().fixedDataLength();
                    if (fixed >= 0) {
                        out.writeFixedBytes("tile data", tile.data(), fixed);
                    } else {
                        out.writeVarBytes("tile data", tile.data(), Limits.TILE_BYTES);
                    }
                }
            }
            case FrameAck m -> out.writeVarint("frameId", m.frameId(), Long.MAX_VALUE); // sent as often as FrameUpdate
            case CursorShape m -> {
                out.writeLong("serial", m.serial());
                out.writeUnsignedShort("hotX", m.hotX());
                out.writeUnsignedShort("hotY", m.hotY());
                out.writeUnsignedShort("width", m.width());
                out.writeUnsignedShort("height", m.height());
                out.writeBytes("argb", m.argb(), Limits.CURSOR_DIMENSION * Limits.CURSOR_DIMENSION * 4);
            }
            case CursorPosition m -> {
                out.writeUnsignedShort("x", m.x());
                out.writeUnsignedShort("y", m.y());
                out.writeBoolean("visible", m.visible());
            }
            case PointerEvent m -> {
                out.writeUnsignedShort("x", m.x());
                out.writeUnsignedShort("y", m.y());
                out.writeUnsignedByte("buttons", m.buttons());
                out.writeUnsignedByte("wheelX", m.wheelX() & 0xFF);
                out.writeUnsignedByte("wheelY", m.wheelY() & 0xFF);
            }
            case KeyEvent m -> {
                out.writeInt("keysym", m.keysym());
                out.writeBoolean("down", m.down());
            }
            case SpecialKeys m -> out.writeUnsignedByte("sequence", m.sequence().code());
            case ClipboardText m -> out.writeString("text", m.text(), Limits.CLIPBOARD_BYTES);
            case ChatMessage m -> {
                out.writeLong("sentAtMillis", m.sentAtMillis());
                out.writeString("author", m.author(), Limits.NAME_BYTES);
                out.writeString("text", m.text(), Limits.TEXT_BYTES);
            }
            case FileOffer m -> {
                out.writeLong("transferId", m.transferId());
                out.writeString("name", m.name(), Limits.TEXT_BYTES);
                out.writeLong("size", m.size());
                out.writeBytes("sha256", m.sha256(), 32);
            }
            case FileAccept m -> {
                out.writeLong("transferId", m.transferId());
                out.writeLong("offset", m.offset());
            }
            case FileChunk m -> {
                out.writeLong("transferId", m.transferId());
                out.writeLong("offset", m.offset());
                out.writeInt("crc32", m.crc32());
                out.writeBytes("data", m.data(), Limits.FILE_CHUNK_BYTES);
            }
            case FileDone m -> {
                out.writeLong("transferId", m.transferId());
                out.writeBoolean("success", m.success());
                out.writeString("message", m.message(), Limits.TEXT_BYTES);
            }
            case FileRequest m -> {
                out.writeLong("transferId", m.transferId());
                out.writeString("path", m.path(), Limits.TEXT_BYTES);
            }
            case FileListRequest m -> out.writeString("path", m.path(), Limits.TEXT_BYTES);
            case FileListing m -> {
                out.writeString("path", m.path(), Limits.TEXT_BYTES);
                out.writeCount("entries", m.entries().size(), Limits.FILE_LIST_ENTRIES);
                for (FileListing.Entry entry : m.entries()) {
                    out.writeString("entry name", entry.name(), Limits.NAME_BYTES);
                    out.writeBoolean("entry folder", entry.folder());
                    out.writeLong("entry size", entry.size());
                    out.writeLong("entry modified", entry.modifiedMillis());
                }
                out.writeString("error", m.error(), Limits.TEXT_BYTES);
            }
            case ControlRequest m -> out.writeString("message", m.message(), Limits.TEXT_BYTES);
            case ControlState m -> {
                out.writeBoolean("granted", m.granted());
                out.writeString("reason", m.reason(), Limits.TEXT_BYTES);
            }
            case SessionEvent m -> {
                out.writeString("sessionId", m.sessionId(), Limits.NAME_BYTES);
                out.writeLong("atMillis", m.atMillis());
                out.writeUnsignedByte("kind", m.kind().code());
                out.writeString("actor", m.actor(), Limits.NAME_BYTES);
                out.writeString("detail", m.detail(), Limits.TEXT_BYTES);
            }
        }
    }

    static Message read(MessageType type, PayloadReader in) {
        return switch (type) {
            case HELLO -> new Hello(in.readUnsignedShort("minVersion"), in.readUnsignedShort("maxVersion"),
                    readEnum(in, "role", Role.values(), Role::code), in.readString("deviceId", Limits.NAME_BYTES),
                    in.readBytes("publicKey", Limits.PUBLIC_KEY_BYTES),
                    in.readString("softwareVersion", Limits.NAME_BYTES), in.readString("osName", Limits.NAME_BYTES),
                    in.readString("osVersion", Limits.NAME_BYTES));
            case WELCOME -> new Welcome(in.readUnsignedShort("version"), in.readLong("serverTimeMillis"),
                    in.readString("connectionId", Limits.NAME_BYTES));
            case ENROLL -> new Enroll(readEnum(in, "tokenKind", Enroll.TokenKind.values(), Enroll.TokenKind::code),
                    in.readString("token", Limits.TOKEN_BYTES), in.readBytes("publicKey", Limits.PUBLIC_KEY_BYTES),
                    in.readString("deviceName", Limits.NAME_BYTES), in.readString("osName", Limits.NAME_BYTES),
                    in.readString("osVersion", Limits.NAME_BYTES));
            case ENROLL_RESULT -> new EnrollResult(in.readBoolean("accepted"),
                    in.readString("deviceId", Limits.NAME_BYTES), in.readString("reason", Limits.TEXT_BYTES));
            case CHALLENGE -> new Challenge(in.readBytes("nonce", Limits.NONCE_MAX_BYTES));
            case AUTHENTICATE -> new Authenticate(in.readString("deviceId", Limits.NAME_BYTES),
                    in.readBytes("signature", Limits.SIGNATURE_BYTES));
            case AUTHENTICATED -> new Authenticated(in.readString("deviceId", Limits.NAME_BYTES),
                    in.readUnsignedShort("heartbeatIntervalSeconds"));
            case HEARTBEAT -> new Heartbeat(in.readLong("sequence"), in.readLong("sentAtNanos"));
            case HEARTBEAT_ACK -> new HeartbeatAck(in.readLong("sequence"), in.readLong("sentAtNanos"));
            case STATUS -> new Status(readEnum(in, "state", Status.State.values(), Status.State::code),
                    in.readString("loggedInUser", Limits.NAME_BYTES), in.readLong("idleSeconds"));
            case PREVIEW_IMAGE -> new PreviewImage(
                    readEnum(in, "format", PreviewImage.Format.values(), PreviewImage.Format::code),
                    in.readUnsignedShort("width"), in.readUnsignedShort("height"),
                    in.readBytes("data", Limits.PREVIEW_IMAGE_BYTES));
            case SYSTEM_INFO -> readSystemInfo(in);
            case COMMAND -> readCommand(in);
            case COMMAND_RESULT -> new CommandResult(in.readLong("commandId"), in.readBoolean("success"),
                    in.readString("message", Limits.TEXT_BYTES), in.readBytes("payload", Limits.COMMAND_PAYLOAD_BYTES));
            case ERROR -> new ErrorMessage(readEnum(in, "code", ErrorCode.values(), ErrorCode::code),
                    in.readString("message", Limits.TEXT_BYTES));
            case BYE -> new Bye(readEnum(in, "reason", Bye.Reason.values(), Bye.Reason::code),
                    in.readString("message", Limits.TEXT_BYTES));
            case RELAY_JOIN -> new RelayJoin(in.readString("ticket", Limits.TOKEN_BYTES));
            case RELAY_PAIRED -> new RelayPaired(in.readString("sessionId", Limits.NAME_BYTES),
                    readEnum(in, "peerRole", Role.values(), Role::code));
            case DISPLAY_LAYOUT -> readDisplayLayout(in);
            case FRAME_UPDATE -> readFrameUpdate(in);
            case FRAME_ACK -> new FrameAck(in.readVarint("frameId", Long.MAX_VALUE));
            case CURSOR_SHAPE -> new CursorShape(in.readLong("serial"), in.readUnsignedShort("hotX"),
                    in.readUnsignedShort("hotY"), in.readUnsignedShort("width"), in.readUnsignedShort("height"),
                    in.readBytes("argb", Limits.CURSOR_DIMENSION * Limits.CURSOR_DIMENSION * 4));
            case CURSOR_POSITION -> new CursorPosition(in.readUnsignedShort("x"), in.readUnsignedShort("y"),
                    in.readBoolean("visible"));
            case POINTER_EVENT -> new PointerEvent(in.readUnsignedShort("x"), in.readUnsignedShort("y"),
                    in.readUnsignedByte("buttons"), (byte) in.readUnsignedByte("wheelX"),
                    (byte) in.readUnsignedByte("wheelY"));
            case KEY_EVENT -> new KeyEvent(in.readInt("keysym"), in.readBoolean("down"));
            case SPECIAL_KEYS -> new SpecialKeys(
                    readEnum(in, "sequence", SpecialKeys.Sequence.values(), SpecialKeys.Sequence::code));
            case CLIPBOARD_TEXT -> new ClipboardText(in.readString("text", Limits.CLIPBOARD_BYTES));
            case CHAT_MESSAGE ->
                new ChatMessage(in.readLong("sentAtMillis"), in.readString("author", Limits.NAME_BYTES),
                        in.readString("text", Limits.TEXT_BYTES));
            case FILE_OFFER -> new FileOffer(in.readLong("transferId"), in.readString("name", Limits.TEXT_BYTES),
                    in.readLong("size"), in.readBytes("sha256", 32));
            case FILE_ACCEPT -> new FileAccept(in.readLong("transferId"), in.readLong("offset"));
            case FILE_CHUNK -> new FileChunk(in.readLong("transferId"), in.readLong("offset"), in.readInt("crc32"),
                    in.readBytes("data", Limits.FILE_CHUNK_BYTES));
            case FILE_DONE -> new FileDone(in.readLong("transferId"), in.readBoolean("success"),
                    in.readString("message", Limits.TEXT_BYTES));
            case FILE_REQUEST -> new FileRequest(in.readLong("transferId"), in.readString("path", Limits.TEXT_BYTES));
            case FILE_LIST_REQUEST -> new FileListRequest(in.readString("path", Limits.TEXT_BYTES));
            case FILE_LISTING -> readFileListing(in);
            case CONTROL_REQUEST -> new ControlRequest(in.readString("message", Limits.TEXT_BYTES));
            case CONTROL_STATE ->
                new ControlState(in.readBoolean("granted"), in.readString("reason", Limits.TEXT_BYTES));
            case SESSION_EVENT ->
                new SessionEvent(in.readString("sessionId", Limits.NAME_BYTES), in.readLong("atMillis"),
                        readEnum(in, "kind", SessionEvent.Kind.values(), SessionEvent.Kind::code),
                        in.readString("actor", Limits.NAME_BYTES), in.readString("detail", Limits.TEXT_BYTES));
        };
    }

    private static SystemInfo readSystemInfo(PayloadReader in) {
        int sectionCount = in.readCount("sections", Limits.SYSTEM_INFO_SECTIONS);
        List<SystemInfo.Section> sections = new ArrayList<>();
        for (int s = 0; s < sectionCount; s++) {
            String name = in.readString("section", Limits.NAME_BYTES);
            int entryCount = in.readCount("entries", Limits.SYSTEM_INFO_ENTRIES);
            List<SystemInfo.Entry> entries = new ArrayList<>();
            for (int e = 0; e < entryCount; e++) {
                entries.add(new SystemInfo.Entry(in.readString("key", Limits.NAME_BYTES),
                        in.readString("value", Limits.TEXT_BYTES)));
            }
            sections.add(new SystemInfo.Section(name, entries));
        }
        return new SystemInfo(sections);
    }

    private static DisplayLayout readDisplayLayout(PayloadReader in) {
        int width = in.readUnsignedShort("width");
        int height = in.readUnsignedShort("height");
        int count = in.readCount("monitors", Limits.MONITORS);
        List<DisplayLayout.Monitor> monitors = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            monitors.add(
                    new DisplayLayout.Monitor(in.readUnsignedShort("monitor id"), in.readUnsignedShort("monitor x"),
                            in.readUnsignedShort("monitor y"), in.readUnsignedShort("monitor width"),
                            in.readUnsignedShort("monitor height"), in.readBoolean("monitor primary"),
                            in.readString("monitor name", Limits.NAME_BYTES)));
        }
        return new DisplayLayout(width, height, monitors);
    }

    private static FrameUpdate readFrameUpdate(PayloadReader in) {
        int count = in.readVarCount("tiles", Limits.FRAME_TILES);
        List<FrameUpdate.Tile> tiles = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            int x = (int) in.readVarint("tile x", Limits.IMAGE_DIMENSION - 1);
            int y = (int) in.readVarint("tile y", Limits.IMAGE_DIMENSION - 1);
            int width = (int) in.readVarint("tile width", Limits.TILE_DIMENSION);
            int height = (int) in.readVarint("tile height", Limits.TILE_DIMENSION);
            FrameUpdate.TileEncoding encoding = readEnum(in, "tile encoding", FrameUpdate.TileEncoding.values(),
                    FrameUpdate.TileEncoding::code);
            int fixed = encoding.fixedDataLength();
            byte[] data = fixed >= 0
                    ? in.readFixedBytes("tile data", fixed)
                    : in.readVarBytes("tile data", Limits.TILE_BYTES);
            tiles.add(new FrameUpdate.Tile(x, y, width, height, encoding, data));
        }
        return new FrameUpdate(tiles);
    }

    private static FileListing readFileListing(PayloadReader in) {
        String path = in.readString("path", Limits.TEXT_BYTES);
        int count = in.readCount("entries", Limits.FILE_LIST_ENTRIES);
        List<FileListing.Entry> entries = new ArrayList<>(Math.min(count, 1024));
        for (int i = 0; i < count; i++) {
            entries.add(new FileListing.Entry(in.readString("entry name", Limits.NAME_BYTES),
                    in.readBoolean("entry folder"), in.readLong("entry size"), in.readLong("entry modified")));
        }
        return new FileListing(path, entries, in.readString("error", Limits.TEXT_BYTES));
    }

    private static Command readCommand(PayloadReader in) {
        long commandId = in.readLong("commandId");
        String name = in.readString("name", Limits.NAME_BYTES);
        int count = in.readCount("arguments", Limits.COMMAND_ARGUMENTS);
        Map<String, String> arguments = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String key = in.readString("argument name", Limits.NAME_BYTES);
            String value = in.readString("argument value", Limits.TEXT_BYTES);
            if (arguments.put(key, value) != null) {
                throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION,
                        "Command argument '" + key + "' appears twice");
            }
        }
        return new Command(commandId, name, arguments);
    }

    private static <E extends Enum<E>> E readEnum(PayloadReader in, String field, E[] values,
            ToIntFunction<E> code) {
        int value = in.readUnsignedByte(field);
        for (E candidate : values) {
            if (code.applyAsInt(candidate) == value) {
                return candidate;
            }
        }
        throw new ProtocolException(ErrorCode.PROTOCOL_VIOLATION, "Unknown value " + value + " in field '" + field
                + "'");
    }
}
