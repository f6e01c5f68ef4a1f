package io.helmdesk.protocol;

import java.util.Objects;

/**
 * Bytes that are not the protocol, or a value that cannot go on the wire. The message is one sentence for logs and for
 * the error message the receiver sends before it closes the connection; {@link #code()} is what that error carries.
 */
public class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }
}
