package io.helmdesk.protocol.message;

import java.util.Objects;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.ProtocolException;

/**
 * The sender gives up on the connection and says why; it closes the connection right after. Named so as not to
 * shadow {@link java.lang.Error}.
 *
 * @param code what went wrong, for programs
 * @param message one sentence, for people and logs; 1 to 4096 bytes
 */
public record ErrorMessage(ErrorCode code, String message) implements Message {

    public ErrorMessage {
        Objects.requireNonNull(code, "code");
        Checks.nonEmpty("message", message, Limits.TEXT_BYTES);
    }

    /** The error to send for a protocol failure, its sentence cut to fit if need be. */
    public static ErrorMessage of(ProtocolException failure) {
        String sentence = failure.getMessage() == null || failure.getMessage().isEmpty()
                ? failure.code().name()
                : Checks.fitted(failure.getMessage(), Limits.TEXT_BYTES);
        return new ErrorMessage(failure.code(), sentence);
    }

    @Override
    public MessageType type() {
        return MessageType.ERROR;
    }
}
