package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.Chromium;
import io.helmdesk.systemtests.support.FreePort;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Sign-in and registration through OpenID Connect (ACC-1) against a real provider running in this test
 * (mock-oauth2-server: discovery, JWKS, authorization code flow with PKCE), with a real browser between them.
 */
class OidcSignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID = "helmdesk-console";
    private static final String CLIENT_SECRET = "oidc-client-secret-9Xq";
    private MockOAuth2Server provider;

    @BeforeEach
    void startProvider() throws IOException {
        provider = new MockOAuth2Server();
        provider.start(InetAddress.getByName("127.0.0.1"), FreePort.find());
    }

    @AfterEach
    void stopProvider() {
        provider.shutdown();
    }

    @Test
    void registerThenSignInAgainThroughTheProvider() throws Exception {
        Path work = Products.newWorkFolder("oidc");
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        Files.writeString(installation.resolve("etc/io.helmdesk.oidc-test.cfg"), "id = test-idp\nname = Test IdP\n"
                + "issuer = " + provider.issuerUrl("default") + "\nclient.id = " + CLIENT_ID + "\n.client.secret = "
                + CLIENT_SECRET + "\n");
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"), installation)) {
            // The provider's configuration is read from etc/ while the server starts: on a busy machine it may come
            // a moment after the API answers.
            JsonNode providers = json(server.call("GET", "/api/v1/auth/oidc/providers", null, null));
            for (int attempt = 0; attempt < 100 && providers.isEmpty(); attempt++) {
                Thread.sleep(100);
                providers = json(server.call("GET", "/api/v1/auth/oidc/providers", null, null));
            }
            assertEquals("[{\"id\":\"test-idp\",\"name\":\"Test IdP\"}]", providers.toString());
            assertEquals(400, server.call("POST", "/api/v1/auth/oidc/nobody/start", null, null).statusCode());

            // First sign-in: someone unknown, with a verified address, gets an account.
            provider.enqueueCallback(identity("subject-jane", "jane@example.org", true, "Jane Doe"));
            JsonNode started = json(server.call("POST", "/api/v1/auth/oidc/test-idp/start", null, null));
            Map<String, String> query = query(started.path("authorizationUrl").asText());
            assertEquals("code", query.get("response_type"));
            assertEquals(CLIENT_ID, query.get("client_id"));
            assertEquals("S256", query.get("code_challenge_method"));
            assertTrue(query.get("state").length() >= 43 && query.get("nonce").length() >= 43, query.toString());
            String pollToken = started.path("pollToken").asText();
            assertEquals(202, poll(server, pollToken).statusCode(), "waiting for the browser");

            String page = new Chromium(work).dumpDom(started.path("authorizationUrl").asText());
            assertTrue(page.contains("You are signed in to Helmdesk as jane@example.org"), page);

            // The provider saw PKCE done right: the verifier it got hashes to the challenge it was shown.
            RecordedRequest tokenRequest = tokenRequest();
            Map<String, String> form = form(tokenRequest.getBody().readUtf8());
            assertEquals(query.get("code_challenge"), s256(form.get("code_verifier")));
            assertEquals(query.get("redirect_uri"), form.get("redirect_uri"));
            assertTrue(tokenRequest.getHeader("Authorization").startsWith("Basic "), "client_secret_basic");

            HttpResponse<String> collected = poll(server, pollToken);
            assertEquals(200, collected.statusCode(), collected.body());
            String session = json(collected).path("token").asText();
            JsonNode account = json(server.call("GET", "/api/v1/account", session, null));
            assertEquals("jane@example.org", account.path("email").asText());
            assertEquals("Jane Doe", account.path("displayName").asText());
            assertEquals("USER", account.path("role").asText());
            assertEquals(401, poll(server, pollToken).statusCode(), "collected once");

            // The state is good once: the same callback again is refused, as is a forged one.
            HttpResponse<String> replay = server.get("/api/v1/auth/oidc/callback?state=" + query.get("state")
                    + "&code=whatever");
            assertEquals(400, replay.statusCode());
            assertTrue(replay.body().contains("unknown, used or expired"), replay.body());
            assertEquals(400, server.get("/api/v1/auth/oidc/callback?state=forged&code=x").statusCode());

            // Second sign-in: the same person, whose address changed at the provider, is the same account.
            provider.enqueueCallback(identity("subject-jane", "jane.doe@example.org", true, "Jane D."));
            JsonNode again = json(server.call("POST", "/api/v1/auth/oidc/test-idp/start", null, null));
            assertTrue(new Chromium(work).dumpDom(again.path("authorizationUrl").asText())
                    .contains("signed in to Helmdesk as jane@example.org"));
            JsonNode second = json(poll(server, again.path("pollToken").asText()));
            assertEquals(account.path("id").asText(), second.path("accountId").asText());

            // An unconfirmed address gives nothing: no account, a clear reason on both sides.
            provider.enqueueCallback(identity("subject-mallory", "root@example.org", false, "Mallory"));
            JsonNode unverified = json(server.call("POST", "/api/v1/auth/oidc/test-idp/start", null, null));
            String refusedPage = new Chromium(work).dumpDom(unverified.path("authorizationUrl").asText());
            assertTrue(refusedPage.contains("did not confirm an e-mail address"), refusedPage);
            HttpResponse<String> refused = poll(server, unverified.path("pollToken").asText());
            assertEquals(401, refused.statusCode());
            assertTrue(refused.body().contains("did not confirm an e-mail address"), refused.body());
            server.stop();
        }
        // The client secret stays in etc/: not in the log, not in the data folder.
        try (var files = Files.walk(work.resolve("data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(CLIENT_SECRET),
                        file.toString());
            }
        }
    }

    private static DefaultOAuth2TokenCallback identity(String subject, String email, boolean verified, String name) {
        return new DefaultOAuth2TokenCallback("default", subject, "JWT", List.of(CLIENT_ID),
                Map.of("email", email, "email_verified", verified, "name", name));
    }

    /** The provider's last token request (discovery, JWKS and authorization requests are skipped). */
    private RecordedRequest tokenRequest() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            RecordedRequest request = provider.takeRequest(5, TimeUnit.SECONDS);
            if (request != null && request.getPath().startsWith("/default/token")) {
                return request;
            }
        }
        throw new AssertionError("the provider got no token request");
    }

    private static HttpResponse<String> poll(ServerUnderTest server, String pollToken)
            throws IOException, InterruptedException {
        return server.call("POST", "/api/v1/auth/oidc/poll", null, JSON.writeValueAsString(Map.of("pollToken",
                pollToken)));
    }

    private static Map<String, String> query(String url) {
        return form(URI.create(url).getRawQuery());
    }

    private static Map<String, String> form(String encoded) {
        return Arrays.stream(encoded.split("&")).map(p -> p.split("=", 2)).collect(Collectors.toMap(
                p -> URLDecoder.decode(p[0], StandardCharsets.UTF_8),
                p -> URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8)));
    }

    private static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
