package io.helmdesk.agent.core.internal;

/**
 * What the control connection is doing, for the agent's window.
 *
 * @param phase where the connection is
 * @param detail why it is offline or stopped, in a sentence; empty otherwise
 * @param server the agent gateway, host:port
 * @param deviceId the computer's device id; empty while it is in no account
 * @param account the e-mail address of the account it joined by a sign-in here; empty when not known (it joined
 *            with an enrollment token) or not enrolled
 * @param displayName the computer's name as the server shows it (DEV-12), else the name it enrolls with
 */
public record LinkState(Phase phase, String detail, String server, String deviceId, String account,
        String displayName) {

    /** Where the control connection is. */
    public enum Phase {
        /** Before the first connection, or between a connection and the server's answer. */
        CONNECTING,
        /** Connected, and waiting: the computer is in no account yet. */
        WAITING_FOR_ENROLLMENT,
        /** Connected and authenticated as its device. */
        ONLINE,
        /** Not connected; the agent tries again by itself. */
        OFFLINE,
        /** Not connected, and the agent does not try again (refused, removed, replaced). */
        STOPPED
    }

    public boolean enrolled() {
        return !deviceId.isEmpty();
    }
}
