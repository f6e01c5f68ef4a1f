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
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;
import io.helmdesk.systemtests.support.TelegramBotApi;

/**
 * The Telegram second factor (ACC-8) against a local server speaking the Bot API: a chat is linked with a single-use
 * link code, turned on with the first code the bot sends, then asked at every sign-in, across a server restart.
 */
class TelegramSecondFactorIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BOT_TOKEN = "7301234567:AAH-test-bot-token-never-logged_x1";
    private static final String PASSWORD = "Harbour-lights-77";
    private static final long CHAT = 4242;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Test
    void linkAChatTurnItOnAndSignInWithItsCodes() throws Exception {
        Path work = Products.newWorkFolder("telegram");
        Path data = work.resolve("data");
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        String linkCode;
        try (TelegramBotApi telegram = new TelegramBotApi(BOT_TOKEN)) {
            Files.writeString(installation.resolve("etc/io.helmdesk.telegram.cfg"), ".bot.token = " + BOT_TOKEN
                    + "\nbot.username = HelmdeskTestBot\napi.base.url = " + telegram.baseUrl()
                    + "\npoll.timeout.seconds = 2\n");
            try (ServerUnderTest server = ServerUnderTest.start(work, data, installation)) {
                String setupToken = server.process().awaitOutput(
                        Pattern.compile("/setup\\.html#(hdsetup_[A-Za-z0-9_-]+)"), Duration.ofSeconds(30)).group(1);
                String session = json(server.call("POST", "/api/v1/auth/setup", null, JSON.writeValueAsString(Map.of(
                        "token", setupToken, "email", "admin@example.org", "password", PASSWORD)))).path("token")
                        .asText();

                HttpResponse<String> started = server.call("POST", "/api/v1/account/second-factor/telegram", session,
                        null);
                assertEquals(200, started.statusCode(), started.body());
                JsonNode link = json(started);
                assertEquals("HelmdeskTestBot", link.path("botUsername").asText());
                linkCode = link.path("linkCode").asText();
                assertTrue(linkCode.matches("hdtg_[A-Za-z0-9_-]{43}"), linkCode);
                assertEquals("https://t.me/HelmdeskTestBot?start=" + linkCode, link.path("deepLink").asText());

                // Nothing to confirm before the chat is linked; a forged link links nothing.
                assertEquals(409, confirm(server, session, "123456").statusCode());
                telegram.userWrites(666, "/start hdtg_forged");
                assertTrue(telegram.awaitMessage(666, WAIT).contains("unknown, used or expired"));
                telegram.userWrites(CHAT, "hello bot");
                assertTrue(telegram.awaitMessage(CHAT, WAIT).contains("To link this chat"));

                telegram.userWrites(CHAT, "/start " + linkCode);
                String firstCode = code(telegram.awaitMessage(CHAT, WAIT));
                telegram.userWrites(777, "/start " + linkCode); // the link is single use
                assertTrue(telegram.awaitMessage(777, WAIT).contains("unknown, used or expired"));

                HttpResponse<String> wrong = confirm(server, session, firstCode.equals("000000") ? "111111" : "000000");
                assertEquals(401, wrong.statusCode(), wrong.body());
                assertTrue(json(server.call("GET", "/api/v1/account", session, null)).path("secondFactor").isNull());
                assertEquals(204, confirm(server, session, firstCode).statusCode());
                assertEquals("telegram",
                        json(server.call("GET", "/api/v1/account", session, null)).path("secondFactor").asText());
                assertEquals(409, confirm(server, session, firstCode).statusCode(), "nothing left to confirm");

                // Sign-in: no session until the code the bot sent comes back.
                JsonNode challenge = login(server);
                assertEquals("telegram", challenge.path("secondFactor").asText());
                assertTrue(challenge.path("token").isNull());
                String signInCode = code(telegram.awaitMessage(CHAT, WAIT));
                HttpResponse<String> completed = answer(server, challenge.path("pendingToken").asText(), signInCode);
                assertEquals(200, completed.statusCode(), completed.body());
                assertFalse(json(completed).path("token").asText().isEmpty());

                // Telegram down: a clear 503, nothing changed.
                telegram.failSends(true);
                HttpResponse<String> down = server.call("POST", "/api/v1/account/second-factor/code", session, null);
                assertEquals(503, down.statusCode(), down.body());
                assertTrue(json(down).path("message").asText().contains("Telegram"), down.body());
                telegram.failSends(false);
                server.stop();
            }

            // After a restart: the linked chat is still known (sealed in the database), and the bot does not
            // handle the old "/start" again (its update offset was kept).
            try (ServerUnderTest server = ServerUnderTest.start(work, data, installation)) {
                JsonNode challenge = login(server);
                String signInCode = code(telegram.awaitMessage(CHAT, WAIT));
                HttpResponse<String> completed = answer(server, challenge.path("pendingToken").asText(), signInCode);
                assertEquals(200, completed.statusCode(), completed.body());
                String session = json(completed).path("token").asText();

                // Turning it off takes a fresh code sent on request.
                assertEquals(202,
                        server.call("POST", "/api/v1/account/second-factor/code", session, null).statusCode());
                String offCode = code(telegram.awaitMessage(CHAT, WAIT));
                assertEquals(204, server.call("DELETE", "/api/v1/account/second-factor", session,
                        JSON.writeValueAsString(Map.of("code", offCode))).statusCode());
                assertFalse(login(server).path("token").isNull(), "a plain sign-in again");
                server.stop();
            }
        }
        // Neither the bot token nor the link code is in the logs or the database.
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(BOT_TOKEN), file.toString());
                assertFalse(content.contains(linkCode), file.toString());
            }
        }
    }

    private static String code(String message) {
        Matcher code = CODE.matcher(message);
        assertTrue(code.find(), message);
        return code.group(1);
    }

    private static HttpResponse<String> confirm(ServerUnderTest server, String session, String code)
            throws IOException, InterruptedException {
        return server.call("POST", "/api/v1/account/second-factor/telegram/confirm", session,
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
