package io.helmdesk.console.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.console.client.api.ServerAddress;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.console.client.api.ServerException;
import io.helmdesk.rest.api.ErrorDTO;
import io.helmdesk.rest.api.HealthDTO;
import io.helmdesk.rest.api.RestApi;

/** {@link ServerClient} over HTTP(S) with the JDK's client and Jackson. */
@Component
public class HttpServerClient implements ServerClient {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    // Newer servers may add fields; the console ignores what it does not know.
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    @Deactivate
    void close() {
        http.close();
    }

    @Override
    public HealthDTO health(ServerAddress server) throws ServerException {
        HttpResponse<String> response = get(server, RestApi.BASE_PATH + "/health");
        // 503 is a server that runs with its database down: still a health answer.
        if (response.statusCode() != 200 && response.statusCode() != 503) {
            throw refusal(server, response);
        }
        try {
            HealthDTO health = json.readValue(response.body(), HealthDTO.class);
            if (health.status() == null || health.version() == null || health.database() == null) {
                throw new ServerException(server + " answered, but not like a Helmdesk server");
            }
            return health;
        } catch (JacksonException e) {
            throw new ServerException(server + " answered, but not like a Helmdesk server", e);
        }
    }

    private HttpResponse<String> get(ServerAddress server, String path) throws ServerException {
        HttpRequest request = HttpRequest.newBuilder(server.resolve(path)).timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json").GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new ServerException("Cannot reach the server at " + server + ": no answer to the connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s. Check the address and your network.", e);
        } catch (HttpTimeoutException e) {
            throw new ServerException("The server at " + server + " did not answer within "
                    + ANSWER_TIMEOUT.toSeconds() + " s.", e);
        } catch (ConnectException e) {
            throw new ServerException(unreachable(server, e), e);
        } catch (IOException e) {
            throw new ServerException("Cannot talk to the server at " + server + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerException("Cancelled", e);
        }
    }

    private static String unreachable(ServerAddress server, ConnectException e) {
        if (causedBy(e, UnresolvedAddressException.class)) {
            return "Cannot reach the server at " + server + ": the host name " + server.baseUri().getHost()
                    + " is unknown. Check the address.";
        }
        return "Cannot reach the server at " + server + ": the connection was refused. Check the address and that "
                + "the server is running.";
    }

    private ServerException refusal(ServerAddress server, HttpResponse<String> response) {
        try {
            ErrorDTO error = json.readValue(response.body(), ErrorDTO.class);
            if (error.message() != null) {
                return new ServerException("The server at " + server + " answered " + response.statusCode() + ": "
                        + error.message());
            }
        } catch (JacksonException e) {
            // Not our error shape: some other web server answers at this address.
        }
        return new ServerException("The address " + server + " answered HTTP " + response.statusCode()
                + ", not like a Helmdesk server. Check the address and port.");
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
