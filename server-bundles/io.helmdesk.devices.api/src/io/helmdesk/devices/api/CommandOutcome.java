package io.helmdesk.devices.api;

/**
 * An agent's answer to a command.
 *
 * @param message one sentence: what was done, or why not (e.g. "The user refused the session")
 */
public record CommandOutcome(boolean success, String message) {
}
