package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.AuthenticatorApp;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/** The authenticator-app second factor (ACC-8) against the server product, with the QR code really scanned. */
class SecondFactorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Quiet-meadow-58";

    @Test
    void enrollSignInWithACodeAndTurnItOff() throws Exception {
        Path work = Products.newWorkFolder("totp");
        Path data = work.resolve("data");
        String seed;
        try (ServerUnderTest server = ServerUnderTest.start(work, data)) {
            String setupToken = server.process()
                    .awaitOutput(Pattern.compile("/setup\\.html#(hdsetup_[A-Za-z0-9_-]+)"), Duration.ofSeconds(30))
                    .group(1);
            String session = json(server.call("POST", "/api/v1/auth/setup", null, JSON.writeValueAsString(Map.of(
                    "token", setupToken, "email", "admin@example.org", "password", PASSWORD)))).path("token").asText();

            HttpResponse<String> started = server.call("POST", "/api/v1/account/second-factor/totp", session, null);
            assertEquals(200, started.statusCode(), started.body());
            JsonNode enrollment = json(started);
            seed = enrollment.path("secret").asText();
            assertTrue(
                    enrollment.path("otpauthUri").asText().startsWith("otpauth://totp/Helmdesk:admin%40example.org?"));
            AuthenticatorApp app = AuthenticatorApp.scan(enrollment.path("qrCodePng").asText());

            // Not on until a first valid code; a wrong one is refused.
            assertEquals(401, confirm(server, session, wrong(app.code(now()))).statusCode());
            assertTrue(json(server.call("GET", "/api/v1/account", session, null)).path("secondFactor").isNull());
            assertEquals(204, confirm(server, session, app.code(now())).statusCode());
            assertEquals("totp",
                    json(server.call("GET", "/api/v1/account", session, null)).path("secondFactor").asText());
            assertEquals(409, server.call("POST", "/api/v1/account/second-factor/totp", session, null).statusCode());

            // Sign-in now stops at a challenge that opens nothing.
            JsonNode challenge = login(server);
            assertTrue(challenge.path("token").isNull(), challenge.toString());
            assertEquals("totp", challenge.path("secondFactor").asText());
            String pending = challenge.path("pendingToken").asText();
            assertEquals(401, server.call("GET", "/api/v1/account", pending, null).statusCode());
            assertEquals(401, answer(server, pending, wrong(app.code(now() + 30))).statusCode());
            long signInAt = now();
            HttpResponse<String> signedIn = answer(server, pending, app.code(signInAt + 30));
            assertEquals(200, signedIn.statusCode(), signedIn.body());
            long usedStep = (signInAt + 30) / 30;
            String second = json(signedIn).path("token").asText();
            assertFalse(second.equals(pending), "a new token after the second factor");
            assertEquals(200, server.call("GET", "/api/v1/account", second, null).statusCode());
            assertEquals(401, answer(server, pending, app.code(signInAt + 30)).statusCode(), "the challenge is spent");

            // The same code again is a replay, even on a fresh challenge.
            String again = login(server).path("pendingToken").asText();
            assertEquals(401, waitingOutLimits(() -> answer(server, again, app.code(signInAt + 30))).statusCode());

            // Five wrong codes burn a challenge: after them it is gone, whatever comes.
            String burnt = login(server).path("pendingToken").asText();
            String wrongCode = wrong(app.code(now()));
            for (int i = 0; i < 5; i++) {
                assertEquals(401, waitingOutLimits(() -> answer(server, burnt, wrongCode)).statusCode());
            }
            HttpResponse<String> gone = waitingOutLimits(() -> answer(server, burnt, app.code(now())));
            assertEquals(401, gone.statusCode());
            assertTrue(gone.body().contains("Sign in again"), gone.body());

            // Turning it off needs a valid code, of a time step not used yet.
            assertEquals(401, waitingOutLimits(() -> server.call("DELETE", "/api/v1/account/second-factor", second,
                    JSON.writeValueAsString(Map.of("code", wrongCode)))).statusCode());
            while (now() / 30 < usedStep) {
                Thread.sleep(500);
            }
            assertEquals(204, waitingOutLimits(() -> server.call("DELETE", "/api/v1/account/second-factor", second,
                    JSON.writeValueAsString(Map.of("code", app.code(now() + 30))))).statusCode());
            assertFalse(login(server).path("token").isNull(), "a plain sign-in again");
            server.stop();
        }
        // The seed is sealed at rest: neither the database nor the logs hold it.
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(seed),
                        file.toString());
            }
        }
        assertTrue(Files.exists(data.resolve("keys/secrets.key")));
        assertEquals(List.of("OWNER_READ", "OWNER_WRITE"),
                Files.getPosixFilePermissions(data.resolve("keys/secrets.key"))
                        .stream().map(Enum::name).sorted().toList());
    }

    /** Repeats a call the server refused with 429, after the Retry-After it gave, as a patient person would. */
    private static HttpResponse<String> waitingOutLimits(Call call) throws Exception {
        for (int attempt = 0; attempt < 10; attempt++) {
            HttpResponse<String> response = call.send();
            if (response.statusCode() != 429) {
                return response;
            }
            Thread.sleep(Long.parseLong(response.headers().firstValue("Retry-After").orElse("1")) * 1000 + 200);
        }
        throw new AssertionError("still limited after 10 waits");
    }

    @FunctionalInterface
    private interface Call {

        HttpResponse<String> send() throws Exception;
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String wrong(String code) {
        return code.equals("123456") ? "654321" : "123456";
    }

    private static HttpResponse<String> confirm(ServerUnderTest server, String session, String code)
            throws IOException, InterruptedException {
        return server.call("POST", "/api/v1/account/second-factor/totp/confirm", session,
                JSON.writeValueAsString(Map.of("code", code)));
    }

    private static JsonNode login(ServerUnderTest server) throws IOException, InterruptedException {
        HttpResponse<String> response = server.call("POST", "/api/v1/auth/login", null,
                JSON.writeValueAsString(Map.of("email", "admin@example.org", "password", PASSWORD)));
        assertEquals(200, response.statusCode(), response.body());
        return json(response);
    }

    private static HttpResponse<String> answer(ServerUnderTest server, String pending, String code)
            throws IOException, InterruptedException {
        return server.call("POST", "/api/v1/auth/second-factor", null,
                JSON.writeValueAsString(Map.of("pendingToken", pending, "code", code)));
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
