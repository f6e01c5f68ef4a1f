package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.systemtests.support.FreePort;
import io.helmdesk.systemtests.support.ProductProcess;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;
import io.helmdesk.systemtests.support.Xvfb;

/**
 * Devices (DEV-1, DEV-2, DEV-3, DEV-7, DEV-12): an agent product on an Xvfb display enrolls with an enrollment token
 * over TLS to the server product, shows up online with a preview and system information, goes offline when killed,
 * comes back by itself after its own and the server's restarts, and stops when removed.
 */
class DevicesIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "Device-owner-83";

    @Test
    void anAgentEnrollsStaysConnectedAndComesBack() throws Exception {
        Path work = Products.newWorkFolder("devices");
        Path data = work.resolve("data");
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        int agentPort = FreePort.find();
        // A fixed agent port: the agent's address must survive the server's restart.
        Files.writeString(installation.resolve("etc/io.helmdesk.devices.cfg"), "agent.port = " + agentPort
                + "\npublic.host = 127.0.0.1\n");
        // A GeoIP file placing the loopback addresses, as the administrator would put a DB-IP file there.
        Files.createDirectories(data.resolve("geoip"));
        Files.writeString(data.resolve("geoip/dbip-city-lite.csv"),
                "127.0.0.0,127.255.255.255,EU,FR,Occitanie,Testville,43.6,1.44\n");
        try (Xvfb display = Xvfb.start(1024, 768)) {
            ServerUnderTest server = ServerUnderTest.start(work, data, installation);
            String session = administrator(server);
            JsonNode gateway = await(() -> json(server.call("GET", "/api/v1/agent-gateway", session, null)),
                    g -> g.path("port").asInt() == agentPort);
            String pin = gateway.path("pin").asText();
            assertTrue(pin.matches("[0-9a-f]{64}"), pin);

            // A token revoked at once: it will let nobody in.
            JsonNode revoked = json(server.call("POST", "/api/v1/enrollment-tokens", session,
                    "{\"name\":\"revoked\",\"maxUses\":0,\"validDays\":0}"));
            assertEquals(204, server.call("DELETE", "/api/v1/enrollment-tokens/" + revoked.path("token").path("id")
                    .asText(), session, null).statusCode());

            // The agent as a person downloads it from the server: configured, with a single-use token of the account.
            assertEquals("[{\"platform\":\"linux\",\"fileName\":\"helmdesk-agent-linux.tar.gz\",\"mediaType\":"
                    + "\"application/gzip\"},{\"platform\":\"windows\",\"fileName\":\"helmdesk-agent-windows.zip\","
                    + "\"mediaType\":\"application/zip\"}]",
                    json(server.call("GET", "/api/v1/agent-downloads", session, null)).toString());
            Path agent = downloadAgent(server, session, work.resolve("agent-1"));
            String configuration = Files.readString(agent.resolve("etc/io.helmdesk.agent.cfg"));
            assertTrue(configuration.contains("server.address = 127.0.0.1:" + agentPort), configuration);
            assertTrue(configuration.contains("server.pin = " + pin), configuration);
            assertTrue(configuration.contains(".enrollment.token = hdenr_"), configuration);
            Files.writeString(agent.resolve("etc/io.helmdesk.agent.cfg"), configuration + "device.name = lab-pc-1\n");
            Map<String, byte[]> windows = unzip(bytes(server, "/api/v1/agent-downloads/windows?enroll=false",
                    session).body());
            assertTrue(windows.containsKey("helmdesk-agent/bin/helmdesk-agent.cmd"), windows.keySet().toString());
            assertFalse(windows.containsKey("helmdesk-agent/bin/helmdesk-agent"), "no shell script for Windows");
            String windowsConfiguration = new String(windows.get("helmdesk-agent/etc/io.helmdesk.agent.cfg"),
                    java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(windowsConfiguration.contains("server.pin = " + pin + "\r\n"), windowsConfiguration);
            assertFalse(windowsConfiguration.contains("enrollment.token"), windowsConfiguration);
            ProductProcess agentProcess = startAgent(agent, work, "agent-1", display);
            JsonNode device = awaitDevice(server, session, d -> d.path("status").asText().equals("ONLINE"));
            String deviceId = device.path("id").asText();
            assertEquals("lab-pc-1", device.path("displayName").asText());
            assertTrue(device.path("osName").asText().startsWith("Linux"), device.toString());
            assertEquals("127.0.0.1", device.path("publicAddress").asText());
            assertEquals("Testville, France", device.path("location").asText());
            assertTrue(device.path("consentRequired").asBoolean(false),
                    "its user must allow each session until its card says otherwise: " + device);

            // System information and a preview, as the agent reported them.
            JsonNode info = await(() -> json(server.call("GET", "/api/v1/devices/" + deviceId + "/system-info",
                    session, null)), i -> i.size() >= 5);
            assertEquals("os", info.path(0).path("name").asText());
            assertTrue(info.toString().contains("Logical processors"), info.toString());
            // Read through OSHI in the agent's Felix runtime: the processor's model, which the JDK alone cannot tell.
            JsonNode cpu = info.path(1);
            assertEquals("cpu", cpu.path("name").asText());
            assertTrue(cpu.path("entries").toString().contains("{\"key\":\"Model\""), cpu.toString());
            HttpResponse<byte[]> preview = await(() -> bytes(server, "/api/v1/devices/" + deviceId + "/preview",
                    session), r -> r.statusCode() == 200);
            assertEquals("image/jpeg", preview.headers().firstValue("Content-Type").orElse(""));
            assertEquals((byte) 0xFF, preview.body()[0]);
            assertEquals((byte) 0xD8, preview.body()[1]);

            // The single-use token is spent; the revoked one lets nobody in.
            JsonNode tokens = json(server.call("GET", "/api/v1/enrollment-tokens", session, null));
            assertTrue(tokens.toString().contains("\"usesLeft\":0,\"uses\":1"), tokens.toString());
            Path second = agent(work.resolve("agent-2"), agentPort, pin, revoked.path("secret").asText(), "intruder");
            try (ProductProcess refused = startAgent(second, work, "agent-2", display)) {
                refused.awaitOutput(Pattern.compile("Enrollment refused: The enrollment token is unknown, revoked"),
                        WAIT);
            }
            assertEquals(1, json(server.call("GET", "/api/v1/devices", session, null)).size());

            // Killed (no goodbye): offline within two heartbeat periods.
            agentProcess.kill();
            awaitDevice(server, session, d -> d.path("status").asText().equals("OFFLINE"));

            // Started again: back by itself, with its device id (the token is spent).
            agentProcess = startAgent(agent, work, "agent-1b", display);
            awaitDevice(server, session, d -> d.path("status").asText().equals("ONLINE"));

            // Sessions without asking its user, set on its card: kept across the server's restart.
            JsonNode unattended = json(server.call("PATCH", "/api/v1/devices/" + deviceId, session,
                    "{\"consentRequired\":false}"));
            assertFalse(unattended.path("consentRequired").asBoolean(true), unattended.toString());

            // The server restarts; the agent comes back by itself.
            server.stop();
            server.close();
            ServerUnderTest restarted = ServerUnderTest.start(work, data, installation);
            String again = login(restarted);
            JsonNode back = awaitDevice(restarted, again, d -> d.path("status").asText().equals("ONLINE"));
            assertEquals(deviceId, back.path("id").asText());
            assertFalse(back.path("consentRequired").asBoolean(true), back.toString());

            // Renamed on its card: the agent is told; removed: it stops connecting and forgets its id.
            JsonNode renamed = json(restarted.call("PATCH", "/api/v1/devices/" + deviceId, again,
                    "{\"displayName\":\"Front desk\",\"groupName\":\"Office\"}"));
            assertEquals("Front desk", renamed.path("displayName").asText());
            assertFalse(renamed.path("consentRequired").asBoolean(true), "a setting not sent stays: " + renamed);
            agentProcess.awaitOutput(Pattern.compile("Settings from the server: name 'Front desk'"), WAIT);
            assertEquals(404, restarted.call("GET", "/api/v1/devices/no-such-device", again, null).statusCode());
            assertEquals(204, restarted.call("DELETE", "/api/v1/devices/" + deviceId, again, null).statusCode());
            agentProcess.awaitOutput(Pattern.compile("removed from its account: the agent stops connecting"), WAIT);
            assertEquals(0, json(restarted.call("GET", "/api/v1/devices", again, null)).size());
            assertFalse(Files.exists(work.resolve("agent-1-data/identity/device-id")));
            agentProcess.close();
            restarted.stop();
            restarted.close();
        }
    }

    private static Path agent(Path folder, int port, String pin, String token, String name)
            throws IOException, InterruptedException {
        Path agent = Products.unpackAgent(folder);
        Files.writeString(agent.resolve("etc/io.helmdesk.agent.cfg"), "server.address = 127.0.0.1:" + port
                + "\nserver.pin = " + pin + "\n.enrollment.token = " + token + "\ndevice.name = " + name + "\n");
        return agent;
    }

    private static Path downloadAgent(ServerUnderTest server, String session, Path folder) throws Exception {
        HttpResponse<byte[]> download = bytes(server, "/api/v1/agent-downloads/linux?maxUses=1&validDays=1",
                session);
        assertEquals(200, download.statusCode());
        assertEquals("attachment; filename=\"helmdesk-agent-linux.tar.gz\"",
                download.headers().firstValue("Content-Disposition").orElse(""));
        Files.createDirectories(folder);
        Path archive = folder.resolve("helmdesk-agent-linux.tar.gz");
        Files.write(archive, download.body());
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", folder.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        assertTrue(Files.isExecutable(folder.resolve("helmdesk-agent/bin/helmdesk-agent")),
                "the launcher stays executable");
        return folder.resolve("helmdesk-agent");
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new java.util.HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static ProductProcess startAgent(Path agent, Path work, String name, Xvfb display) throws IOException {
        // The data folder belongs to the installation, not to one run: restarts keep the identity.
        String installationName = agent.getParent().getFileName().toString();
        return ProductProcess.start(name, agent.resolve("bin/helmdesk-agent"), work, Map.of("DISPLAY",
                display.display(), "HELMDESK_DATA", work.resolve(installationName + "-data").toString()));
    }

    private static JsonNode awaitDevice(ServerUnderTest server, String session, Predicate<JsonNode> condition)
            throws Exception {
        JsonNode list = await(() -> json(server.call("GET", "/api/v1/devices", session, null)),
                l -> l.size() == 1 && condition.test(l.path(0)));
        return list.path(0);
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

    private static HttpResponse<byte[]> bytes(ServerUnderTest server, String path, String session)
            throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + session).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String administrator(ServerUnderTest server) throws Exception {
        String token = server.process().awaitOutput(Pattern.compile("/setup\\.html#(hdsetup_[A-Za-z0-9_-]+)"),
                Duration.ofSeconds(30)).group(1);
        HttpResponse<String> created = server.call("POST", "/api/v1/auth/setup", null, JSON.writeValueAsString(Map.of(
                "token", token, "email", "owner@example.org", "password", PASSWORD)));
        assertEquals(200, created.statusCode(), created.body());
        return json(created).path("token").asText();
    }

    private static String login(ServerUnderTest server) throws Exception {
        return json(server.call("POST", "/api/v1/auth/login", null, JSON.writeValueAsString(Map.of("email",
                "owner@example.org", "password", PASSWORD)))).path("token").asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }
}
