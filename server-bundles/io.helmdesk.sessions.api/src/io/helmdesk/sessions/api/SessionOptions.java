package io.helmdesk.sessions.api;

/**
 * What a session lets through besides the screen and input; the agent enforces it.
 *
 * @param clipboard clipboard text both ways (SES-6)
 * @param files sending files and fetching them from the computer's chosen folder (SES-4)
 */
public record SessionOptions(boolean clipboard, boolean files) {

    /** Clipboard and files. */
    public static final SessionOptions ALL = new SessionOptions(true, true);
}
