package io.helmdesk.store.api;

/**
 * One remote session: an operator's request to see and control a device, from the request to its end.
 *
 * @param id the session's identifier, at most 64 characters
 * @param deviceId the device it was for; the session stays when the device is deleted
 * @param operatorAccountId the account of the operator who asked for it
 * @param operatorName the operator's name as it was then, for the history (cut to {@link #MAX_OPERATOR_NAME_LENGTH})
 * @param requestedAt epoch millis
 * @param startedAt epoch millis when agent and console were paired; null until then
 * @param endedAt epoch millis; null while open
 * @param endReason why it ended (cut to {@link #MAX_END_REASON_LENGTH}); while open, what the insert gave (null or empty)
 * @param bytesFromAgent what the relay carried from agent to console
 * @param bytesFromConsole what the relay carried from console to agent
 */
public record RemoteSessionRecord(String id, String deviceId, String operatorAccountId, String operatorName,
        State state, long requestedAt, Long startedAt, Long endedAt, String endReason, long bytesFromAgent,
        long bytesFromConsole) {

    /** The longest operator name stored; longer ones are cut. */
    public static final int MAX_OPERATOR_NAME_LENGTH = 256;

    /** The longest end reason stored; longer ones are cut. */
    public static final int MAX_END_REASON_LENGTH = 1024;

    /** A session only moves forward: REQUESTED, then ACTIVE once paired, then ENDED (from either). */
    public enum State {
        REQUESTED, ACTIVE, ENDED
    }

    /** A session just asked for: not paired, nothing carried yet. */
    public static RemoteSessionRecord requested(String id, String deviceId, String operatorAccountId,
            String operatorName, long requestedAt) {
        return new RemoteSessionRecord(id, deviceId, operatorAccountId, operatorName, State.REQUESTED, requestedAt,
                null,
                null, null, 0, 0);
    }
}
