package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.helmdesk.systemtests.support.AuthenticatorApp;
import io.helmdesk.systemtests.support.FreePort;
import io.helmdesk.systemtests.support.ProductProcess;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.SecretsSeen;
import io.helmdesk.systemtests.support.ServerUnderTest;
import io.helmdesk.systemtests.support.Xdotool;
import io.helmdesk.systemtests.support.Xvfb;

/**
 * "Permanent access" (DEV-1): an agent downloaded without an enrollment token shows its window on an Xvfb display; a
 * person types e-mail and password into it (and the authenticator app's code for an account with a second factor),
 * the computer joins that account over the agent's own connection, and the session used for it is signed out.
 * Driven through the X display with xdotool, as a person at the keyboard; screenshots in target/screenshots.
 */
class AgentSignInIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String OWNER = "owner@example.org";
    private static final String OWNER_PASSWORD = "Harbour-lights-47";
    private static final String ADA = "ada@example.org";
    private static final String ADA_PASSWORD = "Copper-kettle-93";
    private static final String WRONG_PASSWORD = "Not-my-password-12";

    private final List<ProductProcess> agents = new ArrayList<>();
    private GreenMail smtp;
    private int smtpPort;

    @BeforeEach
    void startSmtp() {
        smtpPort = FreePort.find();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterEach
    void stopAgentsAndSmtp() throws Exception {
        for (ProductProcess agent : agents) {
            agent.close(); // after a failure too: no agent outlives its test
        }
        smtp.stop();
    }

    @Test
    void aPersonSignsInOnTheAgentsWindowAndTheComputerJoinsTheirAccount() throws Exception {
        SecretsSeen.record(OWNER_PASSWORD, ADA_PASSWORD, WRONG_PASSWORD);
        Path work = Products.newWorkFolder("agent-sign-in");
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        Files.writeString(installation.resolve("etc/io.helmdesk.devices.cfg"), "public.host = 127.0.0.1\n");
        Files.writeString(installation.resolve("etc/io.helmdesk.mail.cfg"), "host = 127.0.0.1\nport = " + smtpPort
                + "\nsecurity = none\nfrom = helmdesk@example.org\n");
        Path shots = Products.screenshots();
        try (Xvfb display = Xvfb.start(1024, 768);
                ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"), installation)) {
            Xdotool keyboard = new Xdotool(display);
            String owner = administrator(server);
            String ownerId = json(server.call("GET", "/api/v1/account", owner, null)).path("id").asText();

            // Downloaded without a token: it knows the server (gateway, pin, web address) and joins no account itself.
            Path first = download(server, owner, work.resolve("agent-1"));
            String configuration = Files.readString(first.resolve("etc/io.helmdesk.agent.cfg"));
            assertTrue(configuration.contains("server.url = " + server.baseUrl() + "\n"), configuration);
            assertFalse(configuration.contains("enrollment.token"), configuration);
            ProductProcess agent = startAgent(first, work, "agent-1", display);
            agent.awaitOutput(Pattern.compile("The agent's window is open"), WAIT);
            agent.awaitOutput(Pattern.compile("waiting for someone to sign in on the agent's window"), WAIT);
            keyboard.awaitWindow("^Helmdesk", WAIT);
            settle();
            display.screenshot(shots.resolve("agent-sign-in-1-form.png"));

            // A wrong password: the window says so in the server's words, and stays at the form.
            keyboard.type(OWNER);
            keyboard.key("Tab");
            keyboard.type(WRONG_PASSWORD);
            keyboard.key("Return");
            agent.awaitOutput(Pattern.compile(
                    "The sign-in on the agent's window did not work: The e-mail address or the password is wrong"),
                    WAIT);
            settle();
            display.screenshot(shots.resolve("agent-sign-in-2-wrong-password.png"));
            assertEquals(0, json(server.call("GET", "/api/v1/devices", owner, null)).size());

            // The right one (the e-mail address stays, the focus is on the password): the computer joins the account.
            keyboard.type(OWNER_PASSWORD);
            keyboard.key("Return");
            JsonNode device = await(() -> json(server.call("GET", "/api/v1/devices", owner, null)),
                    list -> list.size() == 1 && list.path(0).path("status").asText().equals("ONLINE")).path(0);
            assertEquals(ownerId, device.path("accountId").asText());
            String deviceId = device.path("id").asText();
            agent.awaitOutput(Pattern.compile("Enrolled as device " + Pattern.quote(deviceId)
                    + " into the account of " + Pattern.quote(OWNER)), WAIT);
            agent.awaitOutput(Pattern.compile("Signed the account session of " + Pattern.quote(OWNER)
                    + " out: this computer keeps no session and no password"), WAIT);

            // Renamed on its card: the window shows the server's name (DEV-12).
            server.call("PATCH", "/api/v1/devices/" + deviceId, owner, "{\"displayName\":\"Reception desk\"}");
            agent.awaitOutput(Pattern.compile("Settings from the server: name 'Reception desk'"), WAIT);
            settle();
            display.screenshot(shots.resolve("agent-sign-in-3-joined.png"));
            assertEquals(143, agent.stop(WAIT));
            assertTrue(agent.output().contains("The agent's window is closed"), agent.output());

            // A second person, with an authenticator app as second factor.
            String ada = registered(server, owner);
            String adaId = json(server.call("GET", "/api/v1/account", ada, null)).path("id").asText();
            AuthenticatorApp app = AuthenticatorApp.scan(json(server.call("POST",
                    "/api/v1/account/second-factor/totp", ada, null)).path("qrCodePng").asText());
            long confirmed = now() / 30;
            assertEquals(204, server.call("POST", "/api/v1/account/second-factor/totp/confirm", ada,
                    JSON.writeValueAsString(Map.of("code", app.code(now())))).statusCode());

            Path second = download(server, ada, work.resolve("agent-2"));
            ProductProcess secondAgent = startAgent(second, work, "agent-2", display);
            secondAgent.awaitOutput(Pattern.compile("waiting for someone to sign in on the agent's window"), WAIT);
            keyboard.awaitWindow("^Helmdesk", WAIT);
            settle();
            keyboard.type(ADA);
            keyboard.key("Tab");
            keyboard.type(ADA_PASSWORD);
            keyboard.key("Return");
            secondAgent.awaitOutput(Pattern.compile("The account has a second factor \\(totp\\)"), WAIT);
            settle();
            display.screenshot(shots.resolve("agent-sign-in-4-code.png"));
            keyboard.type(wrong(app.code(now())));
            keyboard.key("Return");
            secondAgent.awaitOutput(Pattern.compile("did not work: The code is wrong or was used already"), WAIT);
            while (now() / 30 <= confirmed) {
                Thread.sleep(500); // a code of a time step the confirmation did not use
            }
            keyboard.type(app.code(now()));
            keyboard.key("Return");
            JsonNode adasDevice = await(() -> json(server.call("GET", "/api/v1/devices", ada, null)),
                    list -> list.size() == 1 && list.path(0).path("status").asText().equals("ONLINE")).path(0);
            assertEquals(adaId, adasDevice.path("accountId").asText());
            secondAgent.awaitOutput(Pattern.compile("Signed the account session of " + Pattern.quote(ADA)
                    + " out: this computer keeps no session and no password"), WAIT);
            settle();
            display.screenshot(shots.resolve("agent-sign-in-5-joined-with-code.png"));
            // The administrator sees both computers, each in its own account.
            JsonNode all = json(server.call("GET", "/api/v1/devices", owner, null));
            assertEquals(2, all.size(), all.toString());
            assertEquals(143, secondAgent.stop(WAIT));

            // A computer nobody sits at: no window, and the agent runs all the same.
            Path secondConfiguration = second.resolve("etc/io.helmdesk.agent.cfg");
            Files.writeString(secondConfiguration, Files.readString(secondConfiguration) + "window = false\n");
            ProductProcess windowless = startAgent(second, work, "agent-2b", display);
            windowless.awaitOutput(Pattern.compile("No window: window = false"), WAIT);
            windowless.awaitOutput(Pattern.compile("Online as device " + Pattern.quote(adasDevice.path("id")
                    .asText())), WAIT);
            assertEquals(143, windowless.stop(WAIT));

            // Started again, the first computer knows whose it is and what it is called.
            ProductProcess again = startAgent(first, work, "agent-1b", display);
            again.awaitOutput(Pattern.compile("Online as device " + Pattern.quote(deviceId)), WAIT);
            keyboard.awaitWindow("^Helmdesk", WAIT);
            settle();
            display.screenshot(shots.resolve("agent-sign-in-6-restarted.png"));
            assertEquals(143, again.stop(WAIT));
            server.stop();
        }

        // No password typed into the window, and no session token, stays on the computers: not in their
        // configuration, logs or identity (the bundles and native libraries are left out).
        for (String folder : List.of("agent-1", "agent-1-data", "agent-2", "agent-2-data")) {
            try (Stream<Path> files = Files.walk(work.resolve(folder))) {
                for (Path file : files.filter(Files::isRegularFile).filter(AgentSignInIT::written).toList()) {
                    String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                    for (String secret : List.of(OWNER_PASSWORD, ADA_PASSWORD, WRONG_PASSWORD, "hds_")) {
                        assertFalse(content.contains(secret), secret + " in " + file);
                    }
                }
            }
        }
        assertEquals(OWNER, Files.readString(work.resolve("agent-1-data/identity/account")).strip());
    }

    /** A file the agent or the download wrote, not one of the shipped programs. */
    private static boolean written(Path file) {
        String path = file.toString();
        return !path.contains("/felix-cache/") && !path.contains("/swt/") && !path.contains("/bundle/")
                && !path.contains("/lib/") && !path.endsWith(".tar.gz");
    }

    /** A registered USER account (ACC-1) with a password of the test's; returns its session. */
    private String registered(ServerUnderTest server, String owner) throws Exception {
        assertEquals(202, server.call("POST", "/api/v1/auth/register", null, "{\"email\":\"" + ADA + "\"}")
                .statusCode());
        assertTrue(smtp.waitForIncomingEmail(WAIT.toMillis(), 1), "the welcome mail");
        MimeMessage welcome = smtp.getReceivedMessages()[0];
        Matcher mailed = Pattern.compile("Your password: (\\S+)").matcher(welcome.getContent().toString());
        assertTrue(mailed.find(), welcome.getContent().toString());
        String session = json(server.call("POST", "/api/v1/auth/login", null,
                JSON.writeValueAsString(Map.of("email", ADA, "password", mailed.group(1))))).path("token").asText();
        HttpResponse<String> changed = server.call("PUT", "/api/v1/account/password", session,
                JSON.writeValueAsString(Map.of("currentPassword", mailed.group(1), "newPassword", ADA_PASSWORD)));
        assertEquals(204, changed.statusCode(), changed.body());
        return session;
    }

    private static Path download(ServerUnderTest server, String session, Path folder) throws Exception {
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                server.baseUrl() + "/api/v1/agent-downloads/linux?enroll=false"))
                .header("Authorization", "Bearer " + session).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        Files.createDirectories(folder);
        Path archive = folder.resolve("helmdesk-agent-linux.tar.gz");
        Files.write(archive, download.body());
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", folder.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        return folder.resolve("helmdesk-agent");
    }

    private ProductProcess startAgent(Path agent, Path work, String name, Xvfb display) throws IOException {
        String installationName = agent.getParent().getFileName().toString();
        ProductProcess process = ProductProcess.start(name, agent.resolve("bin/helmdesk-agent"), work, Map.of(
                "DISPLAY", display.display(), "HELMDESK_DATA", work.resolve(installationName + "-data").toString()));
        agents.add(process);
        return process;
    }

    /** The window draws what it was told a moment later, on its own thread. */
    private static void settle() throws InterruptedException {
        Thread.sleep(1000);
    }

    private static <T> T await(Call<T> call, Predicate<T> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not there within " + WAIT + ": " + last);
    }

    @FunctionalInterface
    private interface Call<T> {

        T get() throws Exception;
    }

    private static String administrator(ServerUnderTest server) throws Exception {
        String token = server.process().awaitOutput(Pattern.compile("/setup\\.html#(hdsetup_[A-Za-z0-9_-]+)"),
                Duration.ofSeconds(30)).group(1);
        HttpResponse<String> created = server.call("POST", "/api/v1/auth/setup", null, JSON.writeValueAsString(Map.of(
                "token", token, "email", OWNER, "password", OWNER_PASSWORD)));
        assertEquals(200, created.statusCode(), created.body());
        return json(created).path("token").asText();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String wrong(String code) {
        return code.equals("123456") ? "654321" : "123456";
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
