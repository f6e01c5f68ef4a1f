package io.helmdesk.relay.api;

import java.time.Duration;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Pairs the agent and the console of a remote session. Each side gets a single-use ticket; the first connection that
 * joins with a ticket takes it, and once both sides have joined the relay forwards their bytes both ways with bounded
 * buffers (a side that does not read slows the other down, it never grows a queue). The relay never connects anywhere
 * itself: it only pairs connections made to it.
 */
@ProviderType
public interface RelayService {

    /**
     * Issues the two tickets of a session.
     *
     * @param sessionId the session's id, unique
     * @param lifetime how long the tickets can be used, and how long a joined side waits for the other
     * @param listener told when the sides are paired and when the session's relay ends
     * @throws IllegalStateException if the session already has tickets
     */
    RelayTickets open(String sessionId, Duration lifetime, RelayListener listener);

    /** Ends a session: unused tickets are forgotten and its connections closed. Does nothing for an unknown id. */
    void close(String sessionId, String reason);

    /** Where the sides connect: port and the certificate fingerprint they pin. */
    RelayEndpoint endpoint();
}
