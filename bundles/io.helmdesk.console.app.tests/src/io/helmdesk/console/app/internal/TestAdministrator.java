package io.helmdesk.console.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.helmdesk.testing.OsgiServices;

/**
 * The first administrator of the test server, which every console test of a run shares: whichever test comes first
 * creates it with the setup link of the server's log; the others find it there. Tests leave it as they found it (no
 * second factor, same password), so any of them can sign in with these credentials.
 */
public final class TestAdministrator {

    public static final String EMAIL = "operator@example.org";
    public static final String PASSWORD = "Console-signin-42";
    public static final String DISPLAY_NAME = "Olga Operator";

    private TestAdministrator() {
    }

    /** Waits for the REST API and creates the administrator unless the server has one; returns the server's URL. */
    public static String ensureCreated() throws Exception {
        String serverUrl = OsgiServices.awaitRestApi();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> setup = http.send(
                HttpRequest.newBuilder(URI.create(serverUrl + "/api/v1/auth/setup")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, setup.statusCode(), setup.body());
        if (Pattern.compile("\"needed\"\\s*:\\s*false").matcher(setup.body()).find()) {
            return serverUrl;
        }
        Path log = Path.of(System.getProperty("helmdesk.data"), "logs", "server.log");
        Matcher link = Pattern.compile("setup\\.html#(hdsetup_[A-Za-z0-9_-]+)").matcher("");
        for (int i = 0; i < 300 && !(Files.exists(log) && link.reset(Files.readString(log)).find()); i++) {
            Thread.sleep(100);
        }
        assertTrue(link.find(0), "the setup link is in " + log);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(serverUrl + "/api/v1/auth/setup"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + link.group(1) + "\",\"email\":\"" + EMAIL
                        + "\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"" + DISPLAY_NAME + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, created.statusCode(), created.body());
        return serverUrl;
    }
}
