package io.helmdesk.store.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Remote sessions and their events: the history of who connected to which device, kept after devices go. */
@ProviderType
public interface RemoteSessionRepository {

    /** Stores a new session; text longer than its column is cut. */
    void insert(RemoteSessionRecord session);

    /**
     * Notes that agent and console were paired.
     *
     * @return false if there is no such session or it is not {@code REQUESTED} (already active, or ended)
     */
    boolean markActive(String id, long startedAt);

    /**
     * Ends a session, keeping the byte counts of the relay. The reason is cut to
     * {@link RemoteSessionRecord#MAX_END_REASON_LENGTH}.
     *
     * @return false if there is no such session or it has ended already (the first end is kept)
     */
    boolean end(String id, long endedAt, String reason, long bytesFromAgent, long bytesFromConsole);

    Optional<RemoteSessionRecord> find(String id);

    /**
     * A device's sessions, newest request first.
     *
     * @param limit the most to return, at least 1
     * @throws IllegalArgumentException if limit is less than 1
     */
    List<RemoteSessionRecord> listForDevice(String deviceId, int limit);

    /** Every session not ended yet, oldest request first. */
    List<RemoteSessionRecord> listOpen();

    /**
     * Ends every open session at once, e.g. at server start: a session cannot survive a restart of the relay.
     * Their byte counts stay as they were.
     *
     * @return how many sessions were ended
     */
    int endAllOpen(long at, String reason);

    /**
     * Adds an event to a session's history. Actor and detail are cut to their columns rather than refused (null is
     * stored as empty text), so a long text never loses the event.
     *
     * @throws IllegalArgumentException if there is no such session, or the kind is empty or longer than
     *             {@link RemoteSessionEventRecord#MAX_KIND_LENGTH}
     */
    void addEvent(RemoteSessionEventRecord event);

    /** A session's events, oldest first; events of the same millisecond in the order they were added. */
    List<RemoteSessionEventRecord> events(String sessionId);
}
