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
