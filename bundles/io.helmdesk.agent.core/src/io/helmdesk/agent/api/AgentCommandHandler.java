package io.helmdesk.agent.api;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Handles one command the server sends on the control connection (whiteboard: register it as a service with the
 * {@link #COMMAND_NAME} property). The agent answers the server when the returned stage completes; a command without
 * a handler is answered with a failure.
 */
@ConsumerType
public interface AgentCommandHandler {

    /** Service property: the command's name, e.g. {@code session-offer}. */
    String COMMAND_NAME = "helmdesk.agent.command";

    /**
     * Called on the control connection's message thread: start the work and return at once.
     *
     * @return completes with the answer for the server: success, or failure with one sentence
     */
    CompletionStage<Answer> handle(Map<String, String> arguments);

    /** The answer to a command. */
    record Answer(boolean success, String message) {

        public static Answer succeeded(String message) {
            return new Answer(true, message);
        }

        public static Answer failed(String message) {
            return new Answer(false, message);
        }
    }
}
