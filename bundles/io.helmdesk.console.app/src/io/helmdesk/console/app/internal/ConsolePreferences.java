package io.helmdesk.console.app.internal;

import org.osgi.service.prefs.BackingStoreException;
import org.osgi.service.prefs.Preferences;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the console remembers between runs, in its data folder. Never a password. */
final class ConsolePreferences {

    static final String SERVER_ADDRESS = "server.address";
    static final String DEFAULT_SERVER_ADDRESS = "localhost:8080";

    private final Logger logger = LoggerFactory.getLogger(ConsolePreferences.class);
    private final Preferences node;

    ConsolePreferences(Preferences node) {
        this.node = node;
    }

    String serverAddress() {
        return node.get(SERVER_ADDRESS, DEFAULT_SERVER_ADDRESS);
    }

    void rememberServerAddress(String address) {
        node.put(SERVER_ADDRESS, address);
        try {
            node.flush();
        } catch (BackingStoreException e) {
            logger.warn("Could not save the server address: {}", e.getMessage());
        }
    }
}
