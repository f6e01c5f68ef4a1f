package io.helmdesk.agent.desktop;

/**
 * The desktop went away during a session (the X server ended, the user logged out); the session can only be closed.
 */
public class DesktopLostException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DesktopLostException(String message) {
        super(message);
    }
}
