package io.helmdesk.console.client.api;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.rest.api.HealthDTO;

/** Public calls to a Helmdesk server; they need no sign-in. */
@ProviderType
public interface ServerClient {

    /**
     * Asks the server for its health. A server whose database is down still answers, with status DEGRADED.
     *
     * @throws ServerException if the server cannot be reached or does not answer like a Helmdesk server
     */
    HealthDTO health(ServerAddress server) throws ServerException;
}
