package io.helmdesk.store.api;

/**
 * Something that happened in a remote session (joined, control given, file sent, ended…), for its history.
 *
 * @param atMillis epoch millis
 * @param kind a short code of what happened, at most {@link #MAX_KIND_LENGTH} characters
 * @param actor who did it, e.g. the operator's name or "agent" (cut to {@link #MAX_ACTOR_LENGTH})
 * @param detail free text (cut to {@link #MAX_DETAIL_LENGTH})
 */
public record RemoteSessionEventRecord(String sessionId, long atMillis, String kind, String actor, String detail) {

    /** The longest kind accepted. A longer one is refused, not cut: a cut code would be another code. */
    public static final int MAX_KIND_LENGTH = 32;

    /** The longest actor stored; longer ones are cut. */
    public static final int MAX_ACTOR_LENGTH = 256;

    /** The longest detail stored; longer ones are cut. */
    public static final int MAX_DETAIL_LENGTH = 4096;
}
