package io.helmdesk.transport.internal;

import java.io.IOException;

import javax.net.ssl.SSLException;

/** The reasons a connection closes, as {@code ConnectionHandler.closed} receives them. */
public final class Reasons {

    public static final String SLOW_PEER = "slow peer";
    public static final String HANDSHAKE_TIMEOUT = "handshake timeout";
    public static final String READ_IDLE_TIMEOUT = "read idle timeout";
    public static final String SERVER_SILENT = "server silent";
    public static final String SERVER_STOPPING = "server stopping";
    public static final String PEER_CLOSED = "peer closed";
    public static final String PROTOCOL_ERROR = "protocol error: ";
    public static final String PEER_ERROR = "peer error: ";
    public static final String PEER_BYE = "peer said bye: ";
    public static final String INTERNAL_ERROR = "internal error: ";

    private Reasons() {
    }

    /** The reason for a failure MINA reported. */
    static String of(Throwable failure) {
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (failure instanceof SSLException) {
            return "TLS error: " + message;
        }
        if (failure instanceof IOException) {
            return "I/O error: " + message;
        }
        return INTERNAL_ERROR + failure;
    }

    /** Whether the failure comes from the peer or the network (logged at debug), not from this program. */
    static boolean isPeerOrNetwork(Throwable failure) {
        return failure instanceof IOException;
    }
}
