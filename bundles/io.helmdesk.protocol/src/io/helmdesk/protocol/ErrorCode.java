package io.helmdesk.protocol;

import java.util.Optional;

/** Why a peer gives up on a connection; sent in an error message before it closes. Codes never change meaning. */
public enum ErrorCode {

    /** The bytes break the format: a bad marker, a truncated field, garbage after a payload, an invalid value. */
    PROTOCOL_VIOLATION(1),
    /** A frame announced a payload longer than the receiver's current limit. */
    FRAME_TOO_LARGE(2),
    /** A frame carried a type code the receiver does not know in the negotiated version. */
    UNKNOWN_MESSAGE_TYPE(3),
    /** The peers share no protocol version. */
    UNSUPPORTED_VERSION(4),
    /** A well-formed message arrived where the sequence does not allow it (e.g. a status before authentication). */
    UNEXPECTED_MESSAGE(5),
    /** The device's signature, token or identity was not accepted. */
    AUTHENTICATION_FAILED(6),
    /** The peer asks or connects too often. */
    RATE_LIMITED(7),
    /** The sender failed on its own side; the message says nothing about the receiver's bytes. */
    INTERNAL_ERROR(8);

    private final int code;

    ErrorCode(int code) {
        this.code = code;
    }

    /** The value on the wire, an unsigned byte. */
    public int code() {
        return code;
    }

    public static Optional<ErrorCode> fromCode(int code) {
        for (ErrorCode candidate : values()) {
            if (candidate.code == code) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
