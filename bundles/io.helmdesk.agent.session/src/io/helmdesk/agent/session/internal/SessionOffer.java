package io.helmdesk.agent.session.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.helmdesk.protocol.message.Role;
import io.helmdesk.session.RelayAddress;
import io.helmdesk.session.SessionTicket;

/**
 * A session the server offers, read from the {@code session-offer} command's arguments (docs/protocol.md).
 *
 * @param consentAsked whether the server asks for the user's consent (the agent may ask even when it does not)
 */
record SessionOffer(String sessionId, SessionTicket ticket, RelayAddress relay, String operator, boolean consentAsked,
        boolean clipboardAllowed, boolean filesAllowed, Path filesFolder, Duration promptTimeout) {

    /**
     * @param serverHost where the relay is when the offer names no host: the server the agent is connected to
     * @throws IllegalArgumentException naming what is missing or wrong
     */
    static SessionOffer parse(Map<String, String> arguments, String serverHost, Path filesFolder,
            Duration promptTimeout) {
        String sessionId = required(arguments, "sessionId");
        String ticket = required(arguments, "ticket");
        String identity = required(arguments, "identity");
        String peerPin = required(arguments, "peerPin");
        int port;
        try {
            port = Integer.parseInt(required(arguments, "relayPort"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("relayPort is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("relayPort " + port + " is not a port");
        }
        String host = arguments.getOrDefault("relayHost", "").strip();
        String operator = arguments.getOrDefault("operator", "").strip();
        SessionTicket agentTicket;
        try {
            agentTicket = SessionTicket.of(Role.AGENT, ticket, identity, peerPin);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("The offer's identity cannot be read: " + e.getMessage(), e);
        }
        return new SessionOffer(sessionId, agentTicket, new RelayAddress(host.isEmpty() ? serverHost : host, port),
                operator.isEmpty() ? "An operator" : operator,
                !"optional".equals(arguments.getOrDefault("consent", "required")),
                Boolean.parseBoolean(arguments.getOrDefault("clipboard", "false")),
                Boolean.parseBoolean(arguments.getOrDefault("files", "false")), filesFolder, promptTimeout);
    }

    private static String required(Map<String, String> arguments, String name) {
        String value = arguments.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("The offer has no " + name);
        }
        return value.strip();
    }

    @Override
    public String toString() {
        return "SessionOffer[" + sessionId + " from " + operator + " via " + relay + "]";
    }
}
