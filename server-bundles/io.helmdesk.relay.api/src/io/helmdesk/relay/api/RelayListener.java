package io.helmdesk.relay.api;

import org.osgi.annotation.versioning.ConsumerType;

/** What happens to a session's relay; called on the relay's threads, so implementations must return quickly. */
@ConsumerType
public interface RelayListener {

    /** Both sides joined; bytes flow from now on. */
    void paired(String sessionId);

    /**
     * The relay of the session ended: a side closed, the tickets expired unused, or {@link RelayService#close} was
     * called. Called once.
     *
     * @param reason e.g. "agent closed", "tickets expired"
     * @param bytesFromAgent bytes forwarded from the agent to the console
     * @param bytesFromConsole bytes forwarded from the console to the agent
     */
    void ended(String sessionId, String reason, long bytesFromAgent, long bytesFromConsole);
}
