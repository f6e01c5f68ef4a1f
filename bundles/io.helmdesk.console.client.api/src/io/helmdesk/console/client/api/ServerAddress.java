package io.helmdesk.console.client.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a Helmdesk server answers, as a person types it: {@code helmdesk.example.org},
 * {@code 10.0.0.5:9090} or {@code https://helmdesk.example.org/}. Without a scheme, http is meant; without a port,
 * the server's default, 8080.
 */
public record ServerAddress(URI baseUri) {

    public static final int DEFAULT_PORT = 8080;

    public ServerAddress {
        if (baseUri.getHost() == null || !(baseUri.getScheme().equals("http") || baseUri.getScheme().equals("https"))) {
            throw new IllegalArgumentException("Not a server address: " + baseUri);
        }
    }

    /**
     * Reads a typed address.
     *
     * @throws IllegalArgumentException with a message for the person who typed it
     */
    public static ServerAddress parse(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("Enter the server address, for example localhost:8080");
        }
        String withScheme = text.contains("://") ? text : "http://" + text;
        URI uri;
        try {
            uri = new URI(withScheme);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a server address: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException(
                    "A server address starts with http:// or https://, not " + scheme + "://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw new IllegalArgumentException("'" + text + "' has no host name");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("A server address has no user, query or fragment: '" + text + "'");
        }
        int port = uri.getPort() != -1
                ? uri.getPort()
                : scheme.equals("https") && text.contains("://") ? 443 : DEFAULT_PORT;
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty()
                ? "/"
                : uri.getRawPath().endsWith("/") ? uri.getRawPath() : uri.getRawPath() + "/";
        try {
            return new ServerAddress(new URI(scheme, null, uri.getHost(), port, path, null, null));
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + text + "' is not a server address: " + e.getReason());
        }
    }

    /** The address of a path of the server, e.g. {@code api/v1/health}. */
    public URI resolve(String relativePath) {
        return baseUri.resolve(relativePath.startsWith("/") ? relativePath.substring(1) : relativePath);
    }

    @Override
    public String toString() {
        String text = baseUri.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
