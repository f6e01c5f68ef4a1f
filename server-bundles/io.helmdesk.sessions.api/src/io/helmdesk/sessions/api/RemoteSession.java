package io.helmdesk.sessions.api;

import java.time.Instant;
import java.util.List;

/**
 * A session as stored, with what happened in it (SES-5).
 *
 * @param startedAt when both sides joined; null before
 * @param endedAt null while it runs
 * @param endReason one sentence; empty while it runs
 */
public record RemoteSession(String id, String deviceId, String operatorAccountId, String operatorName, State state,
        Instant requestedAt, Instant startedAt, Instant endedAt, String endReason, long bytesFromAgent,
        long bytesFromConsole, List<Event> events) {

    public enum State {
        /** Offered to the agent; waiting for it (and its user) to join. */
        REQUESTED,
        /** Both sides joined the relay. */
        ACTIVE, ENDED
    }

    /**
     * @param kind e.g. REQUESTED, CONNECTED, CONTROL_GRANTED, FILE_SENT, CHAT, ENDED
     * @param actor who did it; may be empty
     * @param detail e.g. a file name; may be empty
     */
    public record Event(Instant at, String kind, String actor, String detail) {
    }
}
