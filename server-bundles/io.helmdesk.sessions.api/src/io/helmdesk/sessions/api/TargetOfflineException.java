package io.helmdesk.sessions.api;

/** The computer's agent is not connected, so no session can be offered to it: HTTP 409. */
public class TargetOfflineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TargetOfflineException(String message) {
        super(message);
    }
}
