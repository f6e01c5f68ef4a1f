package io.helmdesk.agent.api;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.protocol.message.SessionEvent;

/** The agent's connection to its server, as other agent bundles use it. */
@ProviderType
public interface ControlChannel {

    /** The host of the server's agent gateway, as configured: other connections to the server (the relay) use it. */
    String serverHost();

    /** The name this computer has (the device card's display name). */
    String displayName();

    /** Reports a session event to the server, to be kept with the session; dropped while disconnected. */
    void report(SessionEvent event);

    /**
     * Tells the server whether a remote session runs, so the computer shows as "in session" in the console.
     *
     * @param sessions how many run now
     */
    void sessionsRunning(int sessions);
}
