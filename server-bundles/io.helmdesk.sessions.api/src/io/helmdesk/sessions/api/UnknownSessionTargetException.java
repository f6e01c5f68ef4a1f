package io.helmdesk.sessions.api;

/** No such device or session, or not one the caller may see: HTTP 404. */
public class UnknownSessionTargetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownSessionTargetException(String message) {
        super(message);
    }
}
