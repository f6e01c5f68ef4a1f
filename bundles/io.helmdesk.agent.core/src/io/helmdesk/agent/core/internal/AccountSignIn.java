package io.helmdesk.agent.core.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The server's sign-in over its REST API, as the agent's window uses it (DEV-1): e-mail and password, the second
 * factor when the account has one, the account behind the session, and the sign-out. Keeps nothing: every token
 * comes in as an argument and goes out as a result. Blocking calls, for a worker thread.
 */
final class AccountSignIn implements AutoCloseable {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

    private static final JsonFactory JSON = new JsonFactory();

    private final ServerUrl server;
    private final HttpClient http;

    AccountSignIn(ServerUrl server) {
        this.server = server;
        // No redirects: a POST redirected from http:// to https:// would lose its body; say what to fix instead.
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** What the first step of the sign-in gave. */
    sealed interface Step permits SignedIn, SecondFactorNeeded {
    }

    /** Signed in: the session's token. */
    record SignedIn(String token) implements Step {

        @Override
        public String toString() {
            return "SignedIn[token hidden]";
        }
    }

    /**
     * The account has a second factor: its kind ({@code totp}, {@code email}, {@code telegram}) and the token that
     * stands for the first step until the code comes.
     */
    record SecondFactorNeeded(String kind, String pendingToken) implements Step {

        @Override
        public String toString() {
            return "SecondFactorNeeded[" + kind + ", token hidden]";
        }
    }

    /** The account a session belongs to. */
    record Account(String email, List<String> permissions) {
    }

    /** {@code POST /api/v1/auth/login}. */
    Step login(String email, String password) throws SignInException {
        Map<String, Object> answer = call("POST", "/api/v1/auth/login", null,
                json(Map.of("email", email, "password", password)));
        String token = text(answer, "token");
        if (!token.isEmpty()) {
            return new SignedIn(token);
        }
        String pending = text(answer, "pendingToken");
        if (!pending.isEmpty()) {
            return new SecondFactorNeeded(text(answer, "secondFactor"), pending);
        }
        throw new SignInException(notHelmdesk(200));
    }

    /** {@code POST /api/v1/auth/second-factor}: the session's token. */
    String completeSecondFactor(String pendingToken, String code) throws SignInException {
        String token = text(call("POST", "/api/v1/auth/second-factor", null,
                json(Map.of("pendingToken", pendingToken, "code", code))), "token");
        if (token.isEmpty()) {
            throw new SignInException(notHelmdesk(200));
        }
        return token;
    }

    /** {@code GET /api/v1/account}. */
    Account account(String token) throws SignInException {
        Map<String, Object> answer = call("GET", "/api/v1/account", token, null);
        Object permissions = answer.get("permissions");
        List<String> granted = new ArrayList<>();
        if (permissions instanceof List<?> list) {
            list.forEach(permission -> granted.add(String.valueOf(permission)));
        }
        return new Account(text(answer, "email"), List.copyOf(granted));
    }

    /** {@code POST /api/v1/auth/logout}: the session ends on the server. */
    void logout(String token) throws SignInException {
        call("POST", "/api/v1/auth/logout", token, null);
    }

    @Override
    public void close() {
        http.close();
    }

    private Map<String, Object> call(String method, String path, String token, String body) throws SignInException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json")
                .method(method, body == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(request.build());
        Map<String, Object> answer;
        try {
            answer = response.body().isBlank() ? Map.of() : object(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (response.statusCode() >= 300) {
            String message = answer == null ? "" : text(answer, "message");
            // The server's sentences are written for people: passed on as they are.
            throw new SignInException(message.isEmpty() ? notHelmdesk(response.statusCode()) : message);
        }
        if (answer == null) {
            throw new SignInException(notHelmdesk(response.statusCode()));
        }
        return answer;
    }

    private HttpResponse<String> send(HttpRequest request) throws SignInException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new SignInException("Cannot reach the server at " + server + ": no answer within "
                    + CONNECT_TIMEOUT.toSeconds() + " s. Check the network.");
        } catch (HttpTimeoutException e) {
            throw new SignInException("The server at " + server + " did not answer within "
                    + ANSWER_TIMEOUT.toSeconds() + " s. Try again.");
        } catch (ConnectException e) {
            throw new SignInException(causedBy(e, UnresolvedAddressException.class)
                    ? "Cannot reach the server at " + server + ": the host name " + server.base().getHost()
                            + " is unknown."
                    : "Cannot reach the server at " + server + ": the connection was refused.");
        } catch (SSLException e) {
            throw new SignInException("Cannot talk securely to the server at " + server + ": " + e.getMessage());
        } catch (IOException e) {
            throw new SignInException("Cannot talk to the server at " + server + ": "
                    + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInException("Cancelled");
        }
    }

    private String notHelmdesk(int status) {
        return "The address " + server + " answered HTTP " + status + ", not like a Helmdesk server: check "
                + "server.url in etc/" + AgentConfiguration.PID + ".cfg";
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String text(Map<String, Object> answer, String field) {
        return answer.get(field) instanceof String value ? value : "";
    }

    /** A flat JSON object of strings. */
    static String json(Map<String, String> fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                generator.writeStringField(field.getKey(), field.getValue());
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new IllegalStateException("Writing to a string cannot fail", e);
        }
        return out.toString();
    }

    /**
     * The top level of a JSON object: strings, numbers and booleans as text, arrays of such values as lists; nested
     * objects are skipped.
     */
    static Map<String, Object> object(String text) throws IOException {
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            Map<String, Object> fields = new HashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (value == JsonToken.START_ARRAY) {
                    List<String> values = new ArrayList<>();
                    for (JsonToken element = parser.nextToken(); element != JsonToken.END_ARRAY; element = parser
                            .nextToken()) {
                        if (element == null) {
                            throw new IOException("unfinished JSON array");
                        }
                        if (element.isScalarValue()) {
                            values.add(parser.getText());
                        } else {
                            parser.skipChildren();
                        }
                    }
                    fields.put(name, values);
                } else if (value == JsonToken.START_OBJECT) {
                    parser.skipChildren();
                } else if (value != null && value != JsonToken.VALUE_NULL && value.isScalarValue()) {
                    fields.put(name, parser.getText());
                }
            }
            return fields;
        }
    }

    /** A sign-in that did not work, with a sentence for the person at the computer. */
    static final class SignInException extends Exception {

        private static final long serialVersionUID = 1L;

        SignInException(String message) {
            super(message);
        }
    }
}
