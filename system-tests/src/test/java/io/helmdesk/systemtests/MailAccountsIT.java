package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import io.helmdesk.systemtests.support.Chromium;
import io.helmdesk.systemtests.support.FreePort;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/**
 * Registration (ACC-1) and recovery (ACC-3) through a real SMTP exchange: the server product sends to an SMTP
 * server running in this test, which the test reads.
 */
class MailAccountsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private GreenMail smtp;
    private int smtpPort;

    @BeforeEach
    void startSmtp() {
        smtpPort = FreePort.find();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopSmtp() {
        smtp.stop();
    }

    @Test
    void registerByMailSignInAndRecoverThePassword() throws Exception {
        Path work = Products.newWorkFolder("mail");
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        Files.writeString(installation.resolve("etc/io.helmdesk.mail.cfg"), "host = 127.0.0.1\nport = " + smtpPort
                + "\nsecurity = none\nfrom = helmdesk@example.org\npublic.url = https://helmdesk.example.org\n");
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"), installation)) {
            String admin = administrator(server); // while the server has no account: setup works only then
            HttpResponse<String> registered = server.call("POST", "/api/v1/auth/register", null,
                    "{\"email\":\"ada@example.org\",\"language\":\"fr\"}");
            assertEquals(202, registered.statusCode(), registered.body());
            MimeMessage welcome = awaitMail(1)[0];
            assertEquals("ada@example.org", welcome.getAllRecipients()[0].toString());
            assertEquals("Votre compte Helmdesk", welcome.getSubject());
            String body = GreenMailUtil.getBody(welcome);
            Matcher password = Pattern.compile("Votre mot de passe : (\\S+)").matcher(decoded(welcome));
            assertTrue(password.find(), body);

            HttpResponse<String> login = server.call("POST", "/api/v1/auth/login", null,
                    JSON.writeValueAsString(Map.of("email", "ada@example.org", "password", password.group(1))));
            assertEquals(200, login.statusCode(), login.body());
            String token = JSON.readTree(login.body()).path("token").asText();
            JsonNode account = JSON.readTree(server.call("GET", "/api/v1/account", token, null).body());
            assertEquals("USER", account.path("role").asText());
            assertEquals("fr", account.path("language").asText());

            // The same address again: no second account, a mail that says so.
            assertEquals(202, server.call("POST", "/api/v1/auth/register", null, "{\"email\":\"ADA@example.org\"}")
                    .statusCode());
            assertTrue(decoded(awaitMail(2)[1]).contains("a déjà un"), "the 'already registered' mail, in French");

            // Recovery: unknown addresses get the same answer and no mail.
            assertEquals(202, server.call("POST", "/api/v1/auth/recovery", null, "{\"email\":\"nobody@example.org\"}")
                    .statusCode());
            assertEquals(202, server.call("POST", "/api/v1/auth/recovery", null, "{\"email\":\"ada@example.org\"}")
                    .statusCode());
            MimeMessage recovery = awaitMail(3)[2];
            Matcher link = Pattern.compile("https://helmdesk\\.example\\.org/recovery\\.html#(hdrec_[A-Za-z0-9_-]+)")
                    .matcher(decoded(recovery));
            assertTrue(link.find(), decoded(recovery));
            String recoveryToken = link.group(1);

            // The recovery page in a real browser, against this server, with the token from the mail.
            String page = new Chromium(work).dumpDom(server.baseUrl() + "/recovery.html#" + recoveryToken);
            assertTrue(page.contains("Choose a new password"), page);

            assertEquals(400, complete(server, recoveryToken, "qwerty123").statusCode()); // refused: not burnt
            assertEquals(204, complete(server, recoveryToken, "Sea-otter-2026x").statusCode());
            assertEquals(401, complete(server, recoveryToken, "Sea-otter-2027x").statusCode()); // single use
            assertEquals(401, server.call("GET", "/api/v1/account", token, null).statusCode()); // sessions ended
            assertEquals(401, server.call("POST", "/api/v1/auth/login", null,
                    JSON.writeValueAsString(Map.of("email", "ada@example.org", "password", password.group(1))))
                    .statusCode());
            HttpResponse<String> again = server.call("POST", "/api/v1/auth/login", null,
                    JSON.writeValueAsString(Map.of("email", "ada@example.org", "password", "Sea-otter-2026x")));
            assertEquals(200, again.statusCode());
            assertEquals(3, smtp.getReceivedMessages().length, "no mail for the unknown address");

            String session = JSON.readTree(again.body()).path("token").asText();

            // Changing the address (ACC-5): a code to the new address, then the code and the current password.
            assertEquals(202, server.call("POST", "/api/v1/account/email", session,
                    "{\"newEmail\":\"ada.lovelace@example.org\"}").statusCode());
            MimeMessage codeMail = awaitMail(4)[3];
            assertEquals("ada.lovelace@example.org", codeMail.getAllRecipients()[0].toString());
            Matcher code = Pattern.compile("Votre code de confirmation Helmdesk : (\\d{6})")
                    .matcher(codeMail.getSubject());
            assertTrue(code.find(), codeMail.getSubject());
            String wrongCode = code.group(1).equals("000000") ? "111111" : "000000";
            HttpResponse<String> wrong = server.call("PUT", "/api/v1/account/email", session,
                    JSON.writeValueAsString(Map.of("code", wrongCode, "currentPassword", "Sea-otter-2026x")));
            assertEquals(401, wrong.statusCode());
            assertTrue(wrong.body().contains("4 tries left"), wrong.body());
            assertEquals(401, server.call("PUT", "/api/v1/account/email", session,
                    JSON.writeValueAsString(Map.of("code", code.group(1), "currentPassword", "Not-my-password-9")))
                    .statusCode());
            HttpResponse<String> changed = server.call("PUT", "/api/v1/account/email", session,
                    JSON.writeValueAsString(Map.of("code", code.group(1), "currentPassword", "Sea-otter-2026x")));
            assertEquals(200, changed.statusCode(), changed.body());
            assertEquals("ada.lovelace@example.org", JSON.readTree(changed.body()).path("email").asText());
            assertEquals(401, server.call("PUT", "/api/v1/account/email", session,
                    JSON.writeValueAsString(Map.of("code", code.group(1), "currentPassword", "Sea-otter-2026x")))
                    .statusCode(), "the code is spent");

            // The e-mail second factor (ACC-8): on with a mailed code, then asked at every sign-in.
            assertEquals(202, server.call("POST", "/api/v1/account/second-factor/email", session, null).statusCode());
            String enrollCode = mailedCode(awaitMail(5)[4]);
            assertEquals(204, server.call("POST", "/api/v1/account/second-factor/email/confirm", session,
                    "{\"code\":\"" + enrollCode + "\"}").statusCode());
            HttpResponse<String> challenge = server.call("POST", "/api/v1/auth/login", null,
                    JSON.writeValueAsString(
                            Map.of("email", "ada.lovelace@example.org", "password", "Sea-otter-2026x")));
            assertEquals("email", JSON.readTree(challenge.body()).path("secondFactor").asText(), challenge.body());
            String pending = JSON.readTree(challenge.body()).path("pendingToken").asText();
            String signInCode = mailedCode(awaitMail(6)[5]);
            HttpResponse<String> withCode = server.call("POST", "/api/v1/auth/second-factor", null,
                    JSON.writeValueAsString(Map.of("pendingToken", pending, "code", signInCode)));
            assertEquals(200, withCode.statusCode(), withCode.body());
            session = JSON.readTree(withCode.body()).path("token").asText();
            assertEquals("email", JSON.readTree(server.call("GET", "/api/v1/account", session, null).body())
                    .path("secondFactor").asText());

            // An administrator disables the account: its session ends at once; a user may not do the same.
            assertEquals(403, server.call("GET", "/api/v1/admin/accounts", session, null).statusCode());
            JsonNode listed = JSON.readTree(server.call("GET", "/api/v1/admin/accounts", admin, null).body());
            String adaId = null;
            for (JsonNode entry : listed) {
                if (entry.path("email").asText().equals("ada.lovelace@example.org")) {
                    adaId = entry.path("id").asText();
                    assertEquals("ACTIVE", entry.path("state").asText());
                }
            }
            assertEquals(204, server.call("PUT", "/api/v1/admin/accounts/" + adaId + "/state", admin,
                    "{\"state\":\"DISABLED\"}").statusCode());
            assertEquals(401, server.call("GET", "/api/v1/account", session, null).statusCode());
            assertEquals(401, server.call("POST", "/api/v1/auth/login", null, JSON.writeValueAsString(
                    Map.of("email", "ada.lovelace@example.org", "password", "Sea-otter-2026x"))).statusCode());
            assertEquals(204, server.call("PUT", "/api/v1/admin/accounts/" + adaId + "/state", admin,
                    "{\"state\":\"ACTIVE\"}").statusCode());
            HttpResponse<String> back = server.call("POST", "/api/v1/auth/login", null, JSON.writeValueAsString(
                    Map.of("email", "ada.lovelace@example.org", "password", "Sea-otter-2026x")));
            assertEquals(200, back.statusCode(), back.body());
            String backPending = JSON.readTree(back.body()).path("pendingToken").asText();
            session = JSON.readTree(server.call("POST", "/api/v1/auth/second-factor", null, JSON.writeValueAsString(
                    Map.of("pendingToken", backPending, "code", mailedCode(awaitMail(7)[6])))).body()).path("token")
                    .asText();

            // Deleting the account (ACC-7) ends its session at once and frees the address.
            assertEquals(204, server.call("DELETE", "/api/v1/account", session, "{\"password\":\"Sea-otter-2026x\"}")
                    .statusCode());
            assertEquals(401, server.call("GET", "/api/v1/account", session, null).statusCode());
            assertEquals(401, server.call("POST", "/api/v1/auth/login", null,
                    JSON.writeValueAsString(Map.of("email", "ada.lovelace@example.org", "password", "Sea-otter-2026x")))
                    .statusCode());
        }
    }

    @Test
    void withoutMailConfigurationRegistrationSaysSoAndCreatesNothing() throws Exception {
        Path work = Products.newWorkFolder("nomail");
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"))) {
            HttpResponse<String> refused = server.call("POST", "/api/v1/auth/register", null,
                    "{\"email\":\"bob@example.org\"}");
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("cannot send e-mail"), refused.body());
            assertEquals(401, server.call("POST", "/api/v1/auth/recovery/complete", null,
                    "{\"token\":\"hdrec_forged\",\"newPassword\":\"Valid-pass-123\"}").statusCode());
            String admin = administrator(server);
            HttpResponse<String> emailFactor = server.call("POST", "/api/v1/account/second-factor/email", admin, null);
            assertEquals(503, emailFactor.statusCode(), emailFactor.body());
            assertEquals(503, server.call("POST", "/api/v1/account/email", admin, "{\"newEmail\":\"x@example.org\"}")
                    .statusCode());
        }
    }

    /** Creates the first administrator with the setup link of the server's log; returns its session token. */
    private static String administrator(ServerUnderTest server) throws Exception {
        String token = server.process().awaitOutput(Pattern.compile("/setup\\.html#(hdsetup_[A-Za-z0-9_-]+)"),
                Duration.ofSeconds(30)).group(1);
        return JSON.readTree(server.call("POST", "/api/v1/auth/setup", null, JSON.writeValueAsString(Map.of("token",
                token, "email", "root@example.org", "password", "Admin-of-mail-31"))).body()).path("token").asText();
    }

    private static String mailedCode(MimeMessage message) throws Exception {
        Matcher code = Pattern.compile("(\\d{6})").matcher(message.getSubject());
        assertTrue(code.find(), message.getSubject());
        return code.group(1);
    }

    private static HttpResponse<String> complete(ServerUnderTest server, String token, String password)
            throws IOException, InterruptedException {
        return server.call("POST", "/api/v1/auth/recovery/complete", null,
                JSON.writeValueAsString(Map.of("token", token, "newPassword", password)));
    }

    private MimeMessage[] awaitMail(int count) throws InterruptedException {
        assertTrue(smtp.waitForIncomingEmail(Duration.ofSeconds(30).toMillis(), count), "mail " + count + " arrived");
        return smtp.getReceivedMessages();
    }

    private static String decoded(MimeMessage message) throws Exception {
        return message.getContent().toString();
    }
}
