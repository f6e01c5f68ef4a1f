package io.helmdesk.agent.core.internal;

import java.net.URI;
import java.net.URISyntaxException;

/** The server's agent gateway, {@code host:port}: where the agent keeps its control connection. */
record GatewayAddress(String host, int port) {

    /**
     * Reads {@code server.address} from the configuration.
     *
     * @throws IllegalArgumentException with a message that says what to write instead
     */
    static GatewayAddress parse(String configured) {
        String text = configured == null ? "" : configured.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException(
                    "server.address is missing: set it to the host:port of your Helmdesk server");
        }
        if (text.contains("://") || text.contains("/")) {
            throw new IllegalArgumentException("server.address '" + text
                    + "' must be host:port only, without scheme or path, e.g. helmdesk.example.org:8443");
        }
        URI uri;
        try {
            uri = new URI("tcp://" + text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("server.address '" + text + "' is not host:port: " + e.getReason());
        }
        if (uri.getHost() == null || uri.getUserInfo() != null) {
            throw new IllegalArgumentException("server.address '" + text + "' is not host:port");
        }
        if (uri.getPort() < 1 || uri.getPort() > 65535) {
            throw new IllegalArgumentException("server.address '" + text + "' needs a port from 1 to 65535, e.g. "
                    + uri.getHost() + ":8443");
        }
        return new GatewayAddress(uri.getHost(), uri.getPort());
    }

    @Override
    public String toString() {
        return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }
}
