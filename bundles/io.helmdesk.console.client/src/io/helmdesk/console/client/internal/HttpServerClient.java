package io.helmdesk.console.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerAddress;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.console.client.api.ServerException;
import io.helmdesk.console.client.api.SignInOutcome;
import io.helmdesk.rest.api.AuthDTOs.AccountDTO;
import io.helmdesk.rest.api.AuthDTOs.ApiKeyDTO;
import io.helmdesk.rest.api.AuthDTOs.ChangePasswordRequest;
import io.helmdesk.rest.api.AuthDTOs.CodeRequest;
import io.helmdesk.rest.api.AuthDTOs.CreateApiKeyRequest;
import io.helmdesk.rest.api.AuthDTOs.CreatedApiKeyDTO;
import io.helmdesk.rest.api.AuthDTOs.DeleteAccountRequest;
import io.helmdesk.rest.api.AuthDTOs.EmailChangeConfirmation;
import io.helmdesk.rest.api.AuthDTOs.EmailChangeRequest;
import io.helmdesk.rest.api.AuthDTOs.LoginRequest;
import io.helmdesk.rest.api.AuthDTOs.LoginResultDTO;
import io.helmdesk.rest.api.AuthDTOs.NoticeDTO;
import io.helmdesk.rest.api.AuthDTOs.OidcPollRequest;
import io.helmdesk.rest.api.AuthDTOs.OidcProviderDTO;
import io.helmdesk.rest.api.AuthDTOs.OidcStartDTO;
import io.helmdesk.rest.api.AuthDTOs.ProfileUpdate;
import io.helmdesk.rest.api.AuthDTOs.RecoveryRequest;
import io.helmdesk.rest.api.AuthDTOs.RegisterRequest;
import io.helmdesk.rest.api.AuthDTOs.SecondFactorRequest;
import io.helmdesk.rest.api.AuthDTOs.SessionDTO;
import io.helmdesk.rest.api.AuthDTOs.TelegramLinkDTO;
import io.helmdesk.rest.api.AuthDTOs.TotpEnrollmentDTO;
import io.helmdesk.rest.api.DeviceDTOs.AgentGatewayDTO;
import io.helmdesk.rest.api.DeviceDTOs.CreateEnrollmentTokenRequest;
import io.helmdesk.rest.api.DeviceDTOs.CreatedEnrollmentTokenDTO;
import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;
import io.helmdesk.rest.api.DeviceDTOs.DeviceSettingsUpdate;
import io.helmdesk.rest.api.DeviceDTOs.EnrollmentTokenDTO;
import io.helmdesk.rest.api.DeviceDTOs.SystemInfoSectionDTO;
import io.helmdesk.rest.api.ErrorDTO;
import io.helmdesk.rest.api.HealthDTO;
import io.helmdesk.rest.api.RestApi;
import io.helmdesk.rest.api.SessionDTOs;
import io.helmdesk.rest.api.SessionDTOs.SessionRequest;
import io.helmdesk.rest.api.SessionDTOs.SessionStartDTO;

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

    @Override
    public SignInOutcome signIn(ServerAddress server, String email, String password) throws ServerException {
        LoginResultDTO result = call(server, "POST", RestApi.BASE_PATH + "/auth/login", null,
                new LoginRequest(email, password), LoginResultDTO.class);
        if (result.token() == null) {
            return new SignInOutcome(null, result.pendingToken(), result.secondFactor());
        }
        return new SignInOutcome(new ConsoleSession(server, result.token(), result.accountId(),
                Instant.parse(result.expiresAt())), null, null);
    }

    @Override
    public String register(ServerAddress server, String email, String language) throws ServerException {
        return call(server, "POST", RestApi.BASE_PATH + "/auth/register", null, new RegisterRequest(email, language),
                NoticeDTO.class).message();
    }

    @Override
    public String requestRecovery(ServerAddress server, String email) throws ServerException {
        return call(server, "POST", RestApi.BASE_PATH + "/auth/recovery", null, new RecoveryRequest(email),
                NoticeDTO.class).message();
    }

    @Override
    public ConsoleSession completeSignIn(ServerAddress server, String pendingToken, String code)
            throws ServerException {
        SessionDTO session = call(server, "POST", RestApi.BASE_PATH + "/auth/second-factor", null,
                new SecondFactorRequest(pendingToken, code), SessionDTO.class);
        return new ConsoleSession(server, session.token(), session.accountId(), Instant.parse(session.expiresAt()));
    }

    @Override
    public AccountDTO account(ConsoleSession session) throws ServerException {
        return call(session.server(), "GET", RestApi.BASE_PATH + "/account", session.token(), null, AccountDTO.class);
    }

    @Override
    public void signOut(ConsoleSession session) throws ServerException {
        call(session.server(), "POST", RestApi.BASE_PATH + "/auth/logout", session.token(), null, Void.class);
    }

    @Override
    public void changePassword(ConsoleSession session, String currentPassword, String newPassword)
            throws ServerException {
        call(session.server(), "PUT", RestApi.BASE_PATH + "/account/password", session.token(),
                new ChangePasswordRequest(currentPassword, newPassword), Void.class);
    }

    @Override
    public TotpEnrollmentDTO startTotp(ConsoleSession session) throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/account/second-factor/totp", session.token(), null,
                TotpEnrollmentDTO.class);
    }

    @Override
    public void confirmTotp(ConsoleSession session, String code) throws ServerException {
        call(session.server(), "POST", RestApi.BASE_PATH + "/account/second-factor/totp/confirm", session.token(),
                new CodeRequest(code), Void.class);
    }

    @Override
    public void disableSecondFactor(ConsoleSession session, String code) throws ServerException {
        call(session.server(), "DELETE", RestApi.BASE_PATH + "/account/second-factor", session.token(),
                new CodeRequest(code), Void.class);
    }

    @Override
    public String startEmailSecondFactor(ConsoleSession session) throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/account/second-factor/email", session.token(),
                null, NoticeDTO.class).message();
    }

    @Override
    public void confirmEmailSecondFactor(ConsoleSession session, String code) throws ServerException {
        call(session.server(), "POST", RestApi.BASE_PATH + "/account/second-factor/email/confirm", session.token(),
                new CodeRequest(code), Void.class);
    }

    @Override
    public TelegramLinkDTO startTelegramSecondFactor(ConsoleSession session) throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/account/second-factor/telegram", session.token(),
                null, TelegramLinkDTO.class);
    }

    @Override
    public void confirmTelegramSecondFactor(ConsoleSession session, String code) throws ServerException {
        call(session.server(), "POST", RestApi.BASE_PATH + "/account/second-factor/telegram/confirm",
                session.token(), new CodeRequest(code), Void.class);
    }

    @Override
    public String sendSecondFactorCode(ConsoleSession session) throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/account/second-factor/code", session.token(),
                null, NoticeDTO.class).message();
    }

    @Override
    public AccountDTO updateProfile(ConsoleSession session, String displayName, String language, String timeZone)
            throws ServerException {
        return call(session.server(), "PATCH", RestApi.BASE_PATH + "/account", session.token(),
                new ProfileUpdate(displayName, language, timeZone), AccountDTO.class);
    }

    @Override
    public String requestEmailChange(ConsoleSession session, String newEmail) throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/account/email", session.token(),
                new EmailChangeRequest(newEmail), NoticeDTO.class).message();
    }

    @Override
    public AccountDTO confirmEmailChange(ConsoleSession session, String code, String currentPassword)
            throws ServerException {
        return call(session.server(), "PUT", RestApi.BASE_PATH + "/account/email", session.token(),
                new EmailChangeConfirmation(code, currentPassword), AccountDTO.class);
    }

    @Override
    public void deleteAccount(ConsoleSession session, String password) throws ServerException {
        call(session.server(), "DELETE", RestApi.BASE_PATH + "/account", session.token(),
                new DeleteAccountRequest(password), Void.class);
    }

    @Override
    public List<ApiKeyDTO> apiKeys(ConsoleSession session) throws ServerException {
        return call(session.server(), "GET", RestApi.BASE_PATH + "/api-keys", session.token(), null,
                json.getTypeFactory().constructCollectionType(List.class, ApiKeyDTO.class));
    }

    @Override
    public CreatedApiKeyDTO createApiKey(ConsoleSession session, String name, List<String> scopes)
            throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/api-keys", session.token(),
                new CreateApiKeyRequest(name, scopes), CreatedApiKeyDTO.class);
    }

    @Override
    public void revokeApiKey(ConsoleSession session, String keyId) throws ServerException {
        call(session.server(), "DELETE", RestApi.BASE_PATH + "/api-keys/" + keyId, session.token(), null,
                Void.class);
    }

    @Override
    public List<OidcProviderDTO> oidcProviders(ServerAddress server) throws ServerException {
        return call(server, "GET", RestApi.BASE_PATH + "/auth/oidc/providers", null, null,
                json.getTypeFactory().constructCollectionType(List.class, OidcProviderDTO.class));
    }

    @Override
    public OidcStartDTO startOidc(ServerAddress server, String providerId) throws ServerException {
        return call(server, "POST", RestApi.BASE_PATH + "/auth/oidc/"
                + URLEncoder.encode(providerId, StandardCharsets.UTF_8) + "/start", null, null, OidcStartDTO.class);
    }

    @Override
    public Optional<SignInOutcome> pollOidc(ServerAddress server, String pollToken) throws ServerException {
        LoginResultDTO result = call(server, "POST", RestApi.BASE_PATH + "/auth/oidc/poll", null,
                new OidcPollRequest(pollToken), LoginResultDTO.class);
        // 202 carries a notice, not a result: neither a session nor a second-factor step yet.
        if (result == null || (result.token() == null && result.pendingToken() == null)) {
            return Optional.empty();
        }
        if (result.token() == null) {
            return Optional.of(new SignInOutcome(null, result.pendingToken(), result.secondFactor()));
        }
        return Optional.of(new SignInOutcome(new ConsoleSession(server, result.token(), result.accountId(),
                Instant.parse(result.expiresAt())), null, null));
    }

    @Override
    public List<DeviceDTO> devices(ConsoleSession session) throws ServerException {
        return call(session.server(), "GET", RestApi.BASE_PATH + "/devices", session.token(), null,
                json.getTypeFactory().constructCollectionType(List.class, DeviceDTO.class));
    }

    @Override
    public DeviceDTO device(ConsoleSession session, String deviceId) throws ServerException {
        return call(session.server(), "GET", devicePath(deviceId, ""), session.token(), null, DeviceDTO.class);
    }

    @Override
    public DeviceDTO updateDevice(ConsoleSession session, String deviceId, DeviceSettingsUpdate update)
            throws ServerException {
        return call(session.server(), "PATCH", devicePath(deviceId, ""), session.token(), update, DeviceDTO.class);
    }

    @Override
    public void removeDevice(ConsoleSession session, String deviceId) throws ServerException {
        call(session.server(), "DELETE", devicePath(deviceId, ""), session.token(), null, Void.class);
    }

    @Override
    public DeviceDTO favourite(ConsoleSession session, String deviceId, boolean favourite) throws ServerException {
        return call(session.server(), favourite ? "PUT" : "DELETE", devicePath(deviceId, "/favourite"),
                session.token(), null, DeviceDTO.class);
    }

    @Override
    public Optional<byte[]> devicePreview(ConsoleSession session, String deviceId) throws ServerException {
        HttpRequest request = HttpRequest.newBuilder(session.server().resolve(devicePath(deviceId, "/preview")))
                .timeout(ANSWER_TIMEOUT).header("Accept", "image/jpeg, image/png, application/json")
                .header("Authorization", "Bearer " + session.token()).GET().build();
        HttpResponse<byte[]> response = send(session.server(), request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return Optional.empty(); // no preview (yet, or previews are off)
        }
        if (response.statusCode() >= 400) {
            throw refusal(session.server(), response.statusCode(),
                    new String(response.body(), StandardCharsets.UTF_8));
        }
        return Optional.of(response.body());
    }

    @Override
    public List<SystemInfoSectionDTO> systemInfo(ConsoleSession session, String deviceId) throws ServerException {
        return call(session.server(), "GET", devicePath(deviceId, "/system-info"), session.token(), null,
                json.getTypeFactory().constructCollectionType(List.class, SystemInfoSectionDTO.class));
    }

    @Override
    public List<EnrollmentTokenDTO> enrollmentTokens(ConsoleSession session) throws ServerException {
        return call(session.server(), "GET", RestApi.BASE_PATH + "/enrollment-tokens", session.token(), null,
                json.getTypeFactory().constructCollectionType(List.class, EnrollmentTokenDTO.class));
    }

    @Override
    public CreatedEnrollmentTokenDTO createEnrollmentToken(ConsoleSession session, String name, int maxUses,
            int validDays) throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/enrollment-tokens", session.token(),
                new CreateEnrollmentTokenRequest(name, maxUses, validDays), CreatedEnrollmentTokenDTO.class);
    }

    @Override
    public void revokeEnrollmentToken(ConsoleSession session, String tokenId) throws ServerException {
        call(session.server(), "DELETE", RestApi.BASE_PATH + "/enrollment-tokens/" + segment(tokenId),
                session.token(), null, Void.class);
    }

    @Override
    public AgentGatewayDTO agentGateway(ConsoleSession session) throws ServerException {
        return call(session.server(), "GET", RestApi.BASE_PATH + "/agent-gateway", session.token(), null,
                AgentGatewayDTO.class);
    }

    @Override
    public SessionStartDTO startSession(ConsoleSession session, String deviceId) throws ServerException {
        return call(session.server(), "POST", RestApi.BASE_PATH + "/sessions", session.token(),
                new SessionRequest(deviceId), SessionStartDTO.class);
    }

    @Override
    public SessionDTOs.SessionDTO remoteSession(ConsoleSession session, String sessionId) throws ServerException {
        return call(session.server(), "GET", RestApi.BASE_PATH + "/sessions/" + segment(sessionId), session.token(),
                null, SessionDTOs.SessionDTO.class);
    }

    @Override
    public void endSession(ConsoleSession session, String sessionId) throws ServerException {
        call(session.server(), "DELETE", RestApi.BASE_PATH + "/sessions/" + segment(sessionId), session.token(), null,
                Void.class);
    }

    private static String devicePath(String deviceId, String rest) {
        return RestApi.BASE_PATH + "/devices/" + segment(deviceId) + rest;
    }

    /** An id as one path segment, whatever it contains. */
    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T call(ServerAddress server, String method, String path, String token, Object body, Class<T> answer)
            throws ServerException {
        return call(server, method, path, token, body, json.getTypeFactory().constructType(answer));
    }

    /** A JSON call; a 4xx/5xx answer becomes a ServerException with the server's own message. */
    private <T> T call(ServerAddress server, String method, String path, String token, Object body, JavaType answer)
            throws ServerException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json");
        try {
            request.method(method, body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (JacksonException e) {
            throw new IllegalStateException("A request body could not be written", e);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = send(server, request.build());
        if (response.statusCode() >= 400) {
            throw refusal(server, response);
        }
        if (answer.getRawClass() == Void.class || response.body().isEmpty()) {
            return null;
        }
        try {
            return json.readValue(response.body(), answer);
        } catch (JacksonException e) {
            throw new ServerException(server + " answered, but not like a Helmdesk server", e);
        }
    }

    private HttpResponse<String> get(ServerAddress server, String path) throws ServerException {
        return send(server, HttpRequest.newBuilder(server.resolve(path)).timeout(ANSWER_TIMEOUT)
                .header("Accept", "application/json").GET().build());
    }

    private HttpResponse<String> send(ServerAddress server, HttpRequest request) throws ServerException {
        return send(server, request, HttpResponse.BodyHandlers.ofString());
    }

    private <B> HttpResponse<B> send(ServerAddress server, HttpRequest request, HttpResponse.BodyHandler<B> body)
            throws ServerException {
        try {
            return http.send(request, body);
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
        return refusal(server, response.statusCode(), response.body());
    }

    private ServerException refusal(ServerAddress server, int statusCode, String body) {
        try {
            ErrorDTO error = json.readValue(body, ErrorDTO.class);
            if (error.message() != null) {
                // The server's sentences are written for people: pass them on as they are.
                return new ServerException(error.message());
            }
        } catch (JacksonException e) {
            // Not our error shape: some other web server answers at this address.
        }
        return new ServerException("The address " + server + " answered HTTP " + statusCode
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
