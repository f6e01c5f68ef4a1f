package io.helmdesk.protocol.message;

import java.util.Optional;

/**
 * The type codes on the wire. The high byte names the kind: {@code 0x01} control; {@code 0x02} to {@code 0x08} are
 * reserved for screen, input, clipboard, chat, file transfer, consent and session events. A code never changes meaning.
 */
public enum MessageType {

    HELLO(0x0101, Hello.class), WELCOME(0x0102, Welcome.class), ENROLL(0x0103, Enroll.class), ENROLL_RESULT(0x0104,
            EnrollResult.class), CHALLENGE(0x0105, Challenge.class), AUTHENTICATE(0x0106,
                    Authenticate.class), AUTHENTICATED(0x0107, Authenticated.class), HEARTBEAT(0x0110,
                            Heartbeat.class), HEARTBEAT_ACK(0x0111, HeartbeatAck.class), STATUS(0x0120,
                                    Status.class), PREVIEW_IMAGE(0x0121, PreviewImage.class), SYSTEM_INFO(0x0122,
                                            SystemInfo.class), COMMAND(0x0130, Command.class), COMMAND_RESULT(0x0131,
                                                    CommandResult.class), ERROR(0x01F0,
                                                            ErrorMessage.class), BYE(0x01F1, Bye.class);

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
