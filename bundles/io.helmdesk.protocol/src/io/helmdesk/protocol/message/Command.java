package io.helmdesk.protocol.message;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The server asks the agent to do something (lock the screen, relay a wake-on-LAN packet, list files, offer a
 * session). The agent answers every command with a {@link CommandResult} of the same id; an agent that does not know
 * the name answers with a failure, it does not close the connection.
 *
 * @param commandId chosen by the server, unique on the connection
 * @param name e.g. {@code lock}; 1 to 256 bytes
 * @param arguments string arguments, in order; at most {@link Limits#COMMAND_ARGUMENTS}, keys 1 to 256 bytes, values
 *            up to 4096 bytes
 */
public record Command(long commandId, String name, Map<String, String> arguments) implements Message {

    public Command {
        Checks.nonEmpty("name", name, Limits.NAME_BYTES);
        Objects.requireNonNull(arguments, "arguments");
        if (arguments.size() > Limits.COMMAND_ARGUMENTS) {
            throw new IllegalArgumentException(
                    arguments.size() + " arguments, more than " + Limits.COMMAND_ARGUMENTS);
        }
        Map<String, String> copy = new LinkedHashMap<>();
        arguments.forEach((key, value) -> {
            Checks.nonEmpty("argument name", key, Limits.NAME_BYTES);
            Checks.text("argument '" + key + "'", value, Limits.TEXT_BYTES);
            copy.put(key, value);
        });
        arguments = Collections.unmodifiableMap(copy);
    }

    @Override
    public MessageType type() {
        return MessageType.COMMAND;
    }
}
