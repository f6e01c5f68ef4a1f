package io.helmdesk.session;

import java.io.IOException;

/**
 * The relay did not pair this side: it refused the ticket (unknown, used or expired) with an {@code ErrorMessage}, or
 * said with a {@code Bye} that the session ended before the other side joined. Asking the server for a new session is
 * the way on; retrying the same ticket is not.
 */
public final class RelayRefusedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String relayMessage;

    RelayRefusedException(String message, String relayMessage) {
        super(message);
        this.relayMessage = relayMessage;
    }

    /** The relay's own sentence, e.g. "Unknown, used or expired session ticket". */
    public String relayMessage() {
        return relayMessage;
    }
}
