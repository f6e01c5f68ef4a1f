package io.helmdesk.devices.api;

/**
 * Something an agent reports about a remote session it runs.
 *
 * @param kind e.g. {@code CONTROL_GRANTED}, as in the protocol's session events
 * @param actor who did it; may be empty
 * @param detail e.g. a file name; may be empty
 */
public record AgentSessionEvent(String sessionId, long atMillis, String kind, String actor, String detail) {
}
