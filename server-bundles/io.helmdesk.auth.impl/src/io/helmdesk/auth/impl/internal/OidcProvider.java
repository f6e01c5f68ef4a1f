package io.helmdesk.auth.impl.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.Designate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;

import io.helmdesk.auth.api.AuthenticationException;

/**
 * One OpenID Connect provider: its metadata read from the issuer's discovery document at first use, the
 * authorization request (code flow with PKCE S256, state and nonce), the code exchange, and the ID token check.
 */
@Component(service = OidcProvider.class, configurationPid = OidcProviderConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = OidcProviderConfiguration.class, factory = true)
public class OidcProvider {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String id;
    private final String name;
    private final String issuer;
    private final String clientId;
    private final String clientSecret;
    private final String scopes;
    private final boolean allowRegistration;
    private final String redirectUri;
    private volatile Metadata metadata;

    /** What the discovery document says, as far as this client needs it. */
    private record Metadata(String authorizationEndpoint, String tokenEndpoint, boolean secretInBody,
            IdTokenValidator validator) {
    }

    @Activate
    public OidcProvider(OidcProviderConfiguration configuration) {
        if (configuration.id() == null || !ID.matcher(configuration.id()).matches()) {
            throw new IllegalArgumentException("io.helmdesk.oidc: id must be lower-case letters, digits and dashes");
        }
        if (configuration.issuer() == null || configuration.client_id() == null) {
            throw new IllegalArgumentException("io.helmdesk.oidc " + configuration.id() + ": issuer and client.id "
                    + "are needed");
        }
        this.id = configuration.id();
        this.name = Objects.requireNonNullElse(configuration.name(), id);
        this.issuer = configuration.issuer().strip();
        this.clientId = configuration.client_id().strip();
        this.clientSecret = configuration._client_secret();
        String asked = Objects.requireNonNullElse(configuration.scopes(), "");
        this.scopes = asked.contains("openid") ? asked.strip() : ("openid " + asked).strip();
        this.allowRegistration = configuration.allow_registration();
        this.redirectUri = configuration.redirect_uri().strip();
    }

    String id() {
        return id;
    }

    String name() {
        return name;
    }

    boolean allowRegistration() {
        return allowRegistration;
    }

    /** The configured redirect URI, or the given default. */
    String redirectUri(String byDefault) {
        return redirectUri.isEmpty() ? byDefault : redirectUri;
    }

    /** Where to send the browser; the code challenge is S256 of the verifier kept by the caller. */
    String authorizationUrl(String state, String nonce, String codeChallenge, String redirect) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId);
        query.put("redirect_uri", redirect);
        query.put("scope", scopes);
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", codeChallenge);
        query.put("code_challenge_method", "S256");
        String endpoint = metadata().authorizationEndpoint();
        return endpoint + (endpoint.contains("?") ? "&" : "?") + form(query);
    }

    /**
     * Trades the code for tokens and checks the ID token.
     *
     * @throws AuthenticationException if the provider refuses, or its ID token is not good
     * @throws IOException if the provider cannot be reached
     */
    JWTClaimsSet exchange(String code, String codeVerifier, String redirect, String nonce)
            throws IOException, InterruptedException {
        Metadata provider = metadata();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirect);
        body.put("code_verifier", codeVerifier);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(provider.tokenEndpoint())).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (provider.secretInBody()) {
            body.put("client_id", clientId);
            body.put("client_secret", clientSecret);
        } else {
            // client_secret_basic (RFC 6749 2.3.1): both parts form-encoded before base 64.
            String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                    + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = http.send(request.POST(HttpRequest.BodyPublishers.ofString(form(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode answer = readJson(response.body(), "token endpoint");
        if (response.statusCode() != 200) {
            throw new AuthenticationException("The provider refused the sign-in: "
                    + answer.path("error").asText("HTTP " + response.statusCode())
                    + (answer.has("error_description") ? " (" + answer.path("error_description").asText() + ")" : ""));
        }
        if (!answer.path("id_token").isTextual()) {
            throw new AuthenticationException("The provider sent no ID token");
        }
        return provider.validator().validate(answer.path("id_token").asText(), nonce);
    }

    private Metadata metadata() throws IOException {
        Metadata known = metadata;
        if (known != null) {
            return known;
        }
        URI discovery = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(discovery).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        if (response.statusCode() != 200) {
            throw new IOException(discovery + " answered HTTP " + response.statusCode());
        }
        JsonNode document = readJson(response.body(), "discovery document");
        // Core/Discovery 4.3: the document must name the very issuer we were configured with (no mix-up).
        if (!issuer.equals(document.path("issuer").asText())) {
            throw new IOException("the discovery document names issuer " + document.path("issuer").asText()
                    + ", not " + issuer);
        }
        String authorization = document.path("authorization_endpoint").asText("");
        String token = document.path("token_endpoint").asText("");
        String jwks = document.path("jwks_uri").asText("");
        if (authorization.isEmpty() || token.isEmpty() || jwks.isEmpty()) {
            throw new IOException("the discovery document lacks an authorization, token or JWK set endpoint");
        }
        boolean secretInBody = false;
        JsonNode methods = document.path("token_endpoint_auth_methods_supported");
        if (methods.isArray() && methods.size() > 0) {
            boolean basic = false;
            for (JsonNode method : methods) {
                basic |= method.asText().equals("client_secret_basic");
                secretInBody |= method.asText().equals("client_secret_post");
            }
            secretInBody &= !basic;
        }
        IdTokenValidator validator = new IdTokenValidator(JWKSourceBuilder
                .<SecurityContext>create(URI.create(jwks).toURL(),
                        new DefaultResourceRetriever((int) TIMEOUT.toMillis(), (int) TIMEOUT.toMillis(), 256 * 1024))
                .build(), issuer, clientId);
        Metadata fresh = new Metadata(authorization, token, secretInBody, validator);
        metadata = fresh;
        return fresh;
    }

    private JsonNode readJson(String body, String what) throws IOException {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IOException("the provider's " + what + " is not JSON");
        }
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }
}
