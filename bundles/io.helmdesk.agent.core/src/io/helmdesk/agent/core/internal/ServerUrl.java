package io.helmdesk.agent.core.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The server's web address ({@code server.url}), where the agent's window signs a person in: the same address a
 * browser or the console uses, e.g. {@code https://helmdesk.example.org}.
 */
record ServerUrl(URI base) {

    /**
     * Reads {@code server.url} from the configuration.
     *
     * @return empty when not set: the agent then offers no sign-in
     * @throws IllegalArgumentException with a message that says what to write instead
     */
    static Optional<ServerUrl> parse(String configured) {
        String text = configured == null ? "" : configured.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("server.url '" + text + "' is not a web address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("server.url '" + text
                    + "' must start with https:// (or http://), e.g. https://helmdesk.example.org");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("server.url '" + text
                    + "' must be the server's address only, e.g. https://helmdesk.example.org");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        try {
            return Optional.of(new ServerUrl(new URI(scheme + "://" + uri.getRawAuthority() + path)));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("server.url '" + text + "' is not a web address: " + e.getReason());
        }
    }

    /** An absolute path of the server, e.g. {@code /api/v1/auth/login}, as an address. */
    URI resolve(String path) {
        return URI.create(base + path);
    }

    /** Whether what is typed here crosses the network unencrypted: plain HTTP to another computer. */
    boolean unencrypted() {
        if (!base.getScheme().equals("http")) {
            return false;
        }
        String host = base.getHost();
        return !(host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]"));
    }

    @Override
    public String toString() {
        return base.toString();
    }
}
