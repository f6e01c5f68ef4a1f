package io.helmdesk.agent.desktop;

/** There is no desktop this agent can reach; the message says why, for the person who sets the agent up. */
public class DesktopUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public DesktopUnavailableException(String message) {
        super(message);
    }

    public DesktopUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
