package io.helmdesk.console.app.internal.session;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

import javax.net.ssl.SSLException;

import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.session.RelayAddress;
import io.helmdesk.session.RelayRefusedException;

/** What went wrong with a session, or how it ended, in a sentence for the operator instead of an exception. */
final class SessionSentences {

    /** The reason {@link io.helmdesk.session.ViewerSession#close()} gives: this side ended it. */
    static final String CLOSED_HERE = "The operator ended the session";

    /** The relay's sentence for a ticket that expired while this side waited for the other. */
    static final String RELAY_NOBODY_CAME = "The other side did not join the session in time";
    /** The relay's sentence for a ticket it does not take (never issued, used, expired, or its session ended). */
    static final String RELAY_UNKNOWN_TICKET = "Unknown, used or expired session ticket";

    private SessionSentences() {
    }

    /** The server did not start the session: its own sentence (the computer is offline, unknown, not yours…). */
    static String serverRefused(String serverSentence) {
        return "The session did not start: " + sentence(serverSentence);
    }

    /** Why joining the session at the relay failed. */
    static String joinFailed(IOException failure, String computer, RelayAddress relay) {
        if (failure instanceof RelayRefusedException refused) {
            // The relay's own words: the user refused, the computer went offline, the tickets expired…
            return "The session did not start: " + switch (refused.relayMessage()) {
                case RELAY_NOBODY_CAME -> computer + " did not join the session in time.";
                case RELAY_UNKNOWN_TICKET -> "the relay no longer takes its ticket (used, expired or ended). "
                        + "Start a new session.";
                default -> sentence(refused.relayMessage());
            };
        }
        if (failure instanceof SocketTimeoutException) {
            return computer + " did not join the session in time. Nobody may be there to accept it: try again later.";
        }
        if (causedBy(failure, SSLException.class)) {
            return "The relay at " + relay + " is not the one the server named (its certificate differs): the "
                    + "connection was stopped.";
        }
        if (causedBy(failure, UnknownHostException.class) || causedBy(failure, UnresolvedAddressException.class)) {
            return "Cannot reach the relay at " + relay + ": the host name " + relay.host() + " is unknown.";
        }
        if (causedBy(failure, ConnectException.class)) {
            return "Cannot reach the relay at " + relay + ": the connection was refused. The server may block its "
                    + "port " + relay.port() + ".";
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        return "Cannot join the session at the relay " + relay + ": " + message;
    }

    /** The remote screen is larger than this computer can hold as one picture. */
    static String screenTooLarge(int width, int height) {
        return "The remote screen (" + width + "×" + height + " pixels) is too large for this console to show. The"
                + " session has ended.";
    }

    /** How the session ended, from {@link io.helmdesk.session.ViewerSession.Listener#ended}'s reason. */
    static String ended(String reason) {
        if (reason == null || reason.isBlank()) {
            return "The session ended.";
        }
        if (reason.equals(CLOSED_HERE)) {
            return "You ended the session.";
        }
        String why = switch (reason) {
            case "peer closed" -> "the remote computer closed the connection";
            case "server silent" -> "nothing arrived from the remote computer for too long: the connection is lost";
            case "slow peer" -> "the remote computer stopped reading what this console sent";
            default -> reason.startsWith("peer error: ")
                    ? "the connection failed (" + reason.substring("peer error: ".length()) + ")"
                    : reason.startsWith("peer said bye: ") ? reason.substring("peer said bye: ".length()) : reason;
        };
        return "The session ended: " + sentence(why);
    }

    /** An event kind in words, for the events panel. */
    static String kind(SessionEvent.Kind kind) {
        return switch (kind) {
            case CONNECTED -> "Connected";
            case CONTROL_REQUESTED -> "Control requested";
            case CONTROL_GRANTED -> "Control granted";
            case CONTROL_REFUSED -> "Control refused";
            case CONTROL_REVOKED -> "Control taken back";
            case FILE_SENT -> "File sent";
            case FILE_RECEIVED -> "File received";
            case CHAT -> "Chat";
            case CLIPBOARD -> "Clipboard";
            case ENDED -> "Ended";
        };
    }

    /** A byte count as a person reads it. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KB", "MB", "GB", "TB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
    }

    /** Ends with a full stop. */
    private static String sentence(String text) {
        String trimmed = text.strip();
        return trimmed.isEmpty() || trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?")
                ? trimmed
                : trimmed + ".";
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
