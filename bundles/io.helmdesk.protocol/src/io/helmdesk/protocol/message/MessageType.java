package io.helmdesk.protocol.message;

import java.util.Optional;

/**
 * The type codes on the wire. The high byte names the kind: {@code 0x01} control and relay, {@code 0x02} screen,
 * {@code 0x03} input, {@code 0x04} clipboard, {@code 0x05} chat, {@code 0x06} file transfer, {@code 0x07} consent,
 * {@code 0x08} session events. A code never changes meaning.
 */
public enum MessageType {

    // spotless:off
    HELLO(0x0101, Hello.class),
    WELCOME(0x0102, Welcome.class),
    ENROLL(0x0103, Enroll.class),
    ENROLL_RESULT(0x0104, EnrollResult.class),
    CHALLENGE(0x0105, Challenge.class),
    AUTHENTICATE(0x0106, Authenticate.class),
    AUTHENTICATED(0x0107, Authenticated.class),
    HEARTBEAT(0x0110, Heartbeat.class),
    HEARTBEAT_ACK(0x0111, HeartbeatAck.class),
    STATUS(0x0120, Status.class),
    PREVIEW_IMAGE(0x0121, PreviewImage.class),
    SYSTEM_INFO(0x0122, SystemInfo.class),
    COMMAND(0x0130, Command.class),
    COMMAND_RESULT(0x0131, CommandResult.class),
    RELAY_JOIN(0x0140, RelayJoin.class),
    RELAY_PAIRED(0x0141, RelayPaired.class),
    ERROR(0x01F0, ErrorMessage.class),
    BYE(0x01F1, Bye.class),
    DISPLAY_LAYOUT(0x0201, DisplayLayout.class),
    FRAME_UPDATE(0x0202, FrameUpdate.class),
    FRAME_ACK(0x0203, FrameAck.class),
    CURSOR_SHAPE(0x0204, CursorShape.class),
    CURSOR_POSITION(0x0205, CursorPosition.class),
    POINTER_EVENT(0x0301, PointerEvent.class),
    KEY_EVENT(0x0302, KeyEvent.class),
    SPECIAL_KEYS(0x0303, SpecialKeys.class),
    CLIPBOARD_TEXT(0x0401, ClipboardText.class),
    CHAT_MESSAGE(0x0501, ChatMessage.class),
    FILE_OFFER(0x0601, FileOffer.class),
    FILE_ACCEPT(0x0602, FileAccept.class),
    FILE_CHUNK(0x0603, FileChunk.class),
    FILE_DONE(0x0604, FileDone.class),
    FILE_REQUEST(0x0605, FileRequest.class),
    FILE_LIST_REQUEST(0x0606, FileListRequest.class),
    FILE_LISTING(0x0607, FileListing.class),
    CONTROL_REQUEST(0x0701, ControlRequest.class),
    CONTROL_STATE(0x0702, ControlState.class),
    SESSION_EVENT(0x0801, SessionEvent.class);
    // spotless:on

    private final int code;
    private final Class<? extends Message> messageClass;

    MessageType(int code, Class<? extends Message> messageClass) {
        this.code = code;
        this.messageClass = messageClass;
    }

    /** The unsigned 16-bit code in the frame header. */
    public int code() {
        return code;
    }

    /** The record that carries this type. */
    public Class<? extends Message> messageClass() {
        return messageClass;
    }

    /** The record's name, as error messages and logs say it. */
    public String displayName() {
        return messageClass.getSimpleName();
    }

    public static Optional<MessageType> fromCode(int code) {
        for (MessageType candidate : values()) {
            if (candidate.code == code) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
