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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.Chromium;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/**
 * Accounts over HTTP against the server product: first-run setup, sign-in, limits that survive a restart, password
 * change, API keys, sign-out; and afterwards no secret in the logs or the database files.
 */
class AccountsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SETUP_LINK = Pattern.compile("/setup\\.html#(hdsetup_[A-Za-z0-9_-]+)");
    private static final String PASSWORD = "Blue-harbour-47";
    private static final String NEW_PASSWORD = "Green-lighthouse-83";
    private static final String WRONG = "Wrong-guess-11";

    @Test
    void fromFirstRunToApiKeys() throws Exception {
        Path work = Products.newWorkFolder("accounts");
        Path data = work.resolve("data");
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, NEW_PASSWORD, WRONG));
        String admin;
        try (ServerUnderTest server = ServerUnderTest.start(work, data)) {
            Matcher link = server.process().awaitOutput(SETUP_LINK, Duration.ofSeconds(30));
            String setupToken = link.group(1);
            assertTrue(json(server.call("GET", "/api/v1/auth/setup", null, null)).path("needed").asBoolean());

            // The setup page, in a real browser, with the link as printed.
            String page = new Chromium(work).dumpDom(server.baseUrl() + "/setup.html#" + setupToken);
            assertTrue(page.contains("Choose the administrator"), page);

            assertStatus(401, server.call("POST", "/api/v1/auth/setup", null,
                    setup("hdsetup_not-the-token", "admin@example.org", PASSWORD)));
            HttpResponse<String> weak = server.call("POST", "/api/v1/auth/setup", null,
                    setup(setupToken, "admin@example.org", "password1"));
            assertStatus(400, weak);
            assertTrue(json(weak).path("message").asText().contains("most common"), weak.body());
            HttpResponse<String> created = server.call("POST", "/api/v1/auth/setup", null,
                    setup(setupToken, "Admin@Example.org", PASSWORD));
            assertStatus(200, created);
            admin = json(created).path("token").asText();
            secrets.add(admin);
            assertTrue(admin.startsWith("hds_") && admin.length() >= 40, admin);
            assertStatus(401,
                    server.call("POST", "/api/v1/auth/setup", null, setup(setupToken, "b@example.org", PASSWORD)));
            assertFalse(json(server.call("GET", "/api/v1/auth/setup", null, null)).path("needed").asBoolean());

            JsonNode account = json(server.call("GET", "/api/v1/account", admin, null));
            assertEquals("ADMIN", account.path("role").asText());
            assertEquals("Admin@Example.org", account.path("email").asText());
            assertStatus(401, server.call("GET", "/api/v1/account", null, null));
            assertStatus(401, server.call("GET", "/api/v1/account", "hds_garbage", null));

            // Wrong passwords: three are free, the fourth earns a delay.
            for (int i = 0; i < 4; i++) {
                assertStatus(401, server.call("POST", "/api/v1/auth/login", null, login("admin@example.org", WRONG)));
            }
            HttpResponse<String> limited = server.call("POST", "/api/v1/auth/login", null,
                    login("admin@example.org", PASSWORD));
            assertStatus(429, limited);
            assertTrue(limited.headers().firstValue("Retry-After").isPresent());
            server.stop();
        }

        try (ServerUnderTest server = ServerUnderTest.start(work, data)) {
            // The run of failures survived the restart: one more wrong password, and the delay is longer.
            Thread.sleep(1100);
            assertStatus(401, server.call("POST", "/api/v1/auth/login", null, login("admin@example.org", WRONG)));
            HttpResponse<String> stillLimited = server.call("POST", "/api/v1/auth/login", null,
                    login("admin@example.org", PASSWORD));
            assertStatus(429, stillLimited);
            assertEquals("2", stillLimited.headers().firstValue("Retry-After").orElse(""));
            Thread.sleep(2100);

            assertStatus(200, server.call("GET", "/api/v1/account", admin, null)); // sessions survive restarts
            String second = json(
                    server.call("POST", "/api/v1/auth/login", null, login(" ADMIN@example.org ", PASSWORD)))
                    .path("token").asText();
            secrets.add(second);

            assertStatus(401, server.call("PUT", "/api/v1/account/password", second, change(WRONG, NEW_PASSWORD)));
            assertStatus(400, server.call("PUT", "/api/v1/account/password", second, change(PASSWORD, "abc12")));
            assertStatus(204, server.call("PUT", "/api/v1/account/password", second, change(PASSWORD, NEW_PASSWORD)));
            assertStatus(401, server.call("GET", "/api/v1/account", admin, null)); // other sessions ended
            assertStatus(200, server.call("GET", "/api/v1/account", second, null)); // this one kept
            assertStatus(401, server.call("POST", "/api/v1/auth/login", null, login("admin@example.org", PASSWORD)));

            HttpResponse<String> key = server.call("POST", "/api/v1/api-keys", second,
                    "{\"name\":\"CRM sync\",\"scopes\":[\"OWN_ACCOUNT\"]}");
            assertStatus(201, key);
            String secret = json(key).path("secret").asText();
            secrets.add(secret);
            String keyId = json(key).path("key").path("id").asText();
            assertTrue(secret.startsWith("hdk_"));
            assertStatus(200, server.call("GET", "/api/v1/account", secret, null));
            assertStatus(403, server.call("GET", "/api/v1/api-keys", secret, null)); // not in the key's scopes
            JsonNode listed = json(server.call("GET", "/api/v1/api-keys", second, null));
            assertEquals(1, listed.size());
            assertFalse(listed.toString().contains(secret));
            assertTrue(secret.startsWith(listed.get(0).path("prefix").asText()));
            assertStatus(400,
                    server.call("POST", "/api/v1/api-keys", second, "{\"name\":\"x\",\"scopes\":[\"ROOT\"]}"));
            assertStatus(400,
                    server.call("POST", "/api/v1/api-keys", second, "{\"name\":\"x\",\"scopes\":[],\"extra\":1}"));
            assertStatus(204, server.call("DELETE", "/api/v1/api-keys/" + keyId, second, null));
            assertStatus(401, server.call("GET", "/api/v1/account", secret, null));
            assertStatus(404, server.call("DELETE", "/api/v1/api-keys/" + keyId, second, null));

            // Profile (ACC-4), and the last administrator cannot delete itself (ACC-7).
            HttpResponse<String> profile = server.call("PATCH", "/api/v1/account", second,
                    "{\"displayName\":\"Ada L.\",\"language\":\"fr-FR\",\"timeZone\":\"Europe/Paris\"}");
            assertStatus(200, profile);
            assertEquals("Europe/Paris", json(profile).path("timeZone").asText());
            assertEquals("fr-FR", json(profile).path("language").asText());
            assertStatus(400, server.call("PATCH", "/api/v1/account", second, "{\"timeZone\":\"Mars/Olympus\"}"));
            assertEquals("Ada L.",
                    json(server.call("GET", "/api/v1/account", second, null)).path("displayName").asText());
            assertStatus(401, server.call("DELETE", "/api/v1/account", second, "{\"password\":\"" + WRONG + "\"}"));
            assertStatus(409,
                    server.call("DELETE", "/api/v1/account", second, "{\"password\":\"" + NEW_PASSWORD + "\"}"));

            assertStatus(204, server.call("POST", "/api/v1/auth/logout", second, null));
            assertStatus(401, server.call("GET", "/api/v1/account", second, null));
            server.stop();
        }

        for (String secret : secrets) {
            List<Path> leaks = filesContaining(data, secret);
            assertEquals(List.of(), leaks, "a password or token in clear in the data folder");
        }
    }

    private static List<Path> filesContaining(Path folder, String secret) throws IOException {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        List<Path> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    found.add(file);
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer : for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void assertStatus(int expected, HttpResponse<String> response) {
        assertEquals(expected, response.statusCode(), response.request().method() + " " + response.uri() + ": "
                + response.body());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static String setup(String token, String email, String password) throws IOException {
        return JSON.writeValueAsString(Map.of("token", token, "email", email, "password", password, "displayName",
                "Admin"));
    }

    private static String login(String email, String password) throws IOException {
        return JSON.writeValueAsString(Map.of("email", email, "password", password));
    }

    private static String change(String current, String next) throws IOException {
        return JSON.writeValueAsString(Map.of("currentPassword", current, "newPassword", next));
    }
}
