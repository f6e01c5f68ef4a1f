package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.FrameDecoder;
import io.helmdesk.protocol.FrameEncoder;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ControlState;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.MessageCodec;
import io.helmdesk.protocol.message.RelayJoin;
import io.helmdesk.protocol.message.RelayPaired;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.session.FileTransfers;
import io.helmdesk.session.IncomingOffer;
import io.helmdesk.session.RelayAddress;
import io.helmdesk.session.RelayChannel;
import io.helmdesk.session.RelayRefusedException;
import io.helmdesk.session.SessionPeer;
import io.helmdesk.session.SessionTicket;
import io.helmdesk.session.ViewerSession;
import io.helmdesk.systemtests.support.ProductProcess;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.SecretsSeen;
import io.helmdesk.systemtests.support.ServerUnderTest;
import io.helmdesk.systemtests.support.Xdotool;
import io.helmdesk.systemtests.support.Xvfb;

/**
 * A remote session end to end, on the real products: the server, an enrolled agent on its own Xvfb display with a
 * known picture and an xterm, and the console's session code as a headless client. The agent's user is played with
 * xdotool on the agent's display: allowing the session and control, pressing Escape, chatting, copying.
 */
class SessionIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PASSWORD = "Session-owner-59";
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 800;
    private static final int BIG_FILE = 50 * 1024 * 1024;

    @Test
    void anOperatorSeesAndControlsTheComputerOnlyWithItsUsersConsent() throws Exception {
        Path work = Products.newWorkFolder("session");
        Path data = work.resolve("data");
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        Files.writeString(installation.resolve("etc/io.helmdesk.devices.cfg"), "public.host = 127.0.0.1\n");
        Path shots = Products.screenshots();
        try (Xvfb display = Xvfb.start(WIDTH, HEIGHT);
                ServerUnderTest server = ServerUnderTest.start(work, data,
                        installation)) {
            Xdotool user = new Xdotool(display);
            BufferedImage pattern = testPattern();
            Path patternFile = work.resolve("pattern.png");
            ImageIO.write(pattern, "png", patternFile.toFile());
            run(display, "display", "-window", "root", patternFile.toString());
            Path typed = work.resolve("typed.txt");
            Files.writeString(typed, "");
            ProcessBuilder terminal = new ProcessBuilder("xterm", "-title", "typing-target", "-geometry", "60x8+40+560",
                    "-e", "sh", "-c",
                    "cat > '" + typed + "'").redirectErrorStream(true).redirectOutput(work.resolve("xterm.log")
                            .toFile());
            terminal.environment().put("DISPLAY", display.display());
            Process xterm = terminal.start();
            pin(xterm, display);

            String session = administrator(server);
            Path agentFolder = work.resolve("agent-files");
            Path agent = downloadAgent(server, session, work.resolve("agent"));
            Files.writeString(agent.resolve("etc/io.helmdesk.agent.cfg"), "device.name = reception-pc\n"
                    + "session.files.folder = " + agentFolder + "\n", java.nio.file.StandardOpenOption.APPEND);
            try (ProductProcess agentProcess = ProductProcess.start("agent", agent.resolve("bin/helmdesk-agent"), work,
                    Map.of("DISPLAY", display.display(), "HELMDESK_DATA", work.resolve("agent-data").toString()))) {
                JsonNode device = awaitDevice(server, session, d -> d.path("status").asText().equals("ONLINE"));
                String deviceId = device.path("id").asText();
                user.awaitWindow("^Helmdesk", WAIT); // the agent's own window is up: prompts can be shown

                // An offline or unknown computer cannot be reached.
                assertEquals(404, server.call("POST", "/api/v1/sessions", session, "{\"deviceId\":\"nope\"}")
                        .statusCode());
                assertEquals(400, server.call("POST", "/api/v1/sessions", session, "{}").statusCode());

                // The operator asks; the user allows; the console's session code joins.
                JsonNode start = startSession(server, session, deviceId);
                Recorder viewer = new Recorder();
                Path operatorFolder = Files.createDirectories(work.resolve("operator-files"));
                CompletableFuture<ViewerSession> joined = CompletableFuture.supplyAsync(() -> {
                    try {
                        return ViewerSession.join(relay(start), ticket(start), WAIT,
                                "Olivia Operator", operatorFolder, viewer, viewer);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                String prompt = user.awaitWindow("Helmdesk: remote session request", WAIT);
                display.screenshot(shots.resolve("session-1-consent-prompt.png"));
                user.clickIn(prompt, 0.25, 1.0, -18);
                ViewerSession remote = joined.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                JsonNode inSession = awaitDevice(server, session, d -> d.path("status").asText().equals(
                        "IN_SESSION"));
                assertEquals(deviceId, inSession.path("id").asText());

                // The screen arrives, and lossless tiles are exactly the agent's pixels.
                viewer.awaitQuiet(remote, Duration.ofMillis(800));
                Path captured = display.screenshot(work.resolve("captured.png"));
                viewer.awaitQuiet(remote, Duration.ofMillis(800));
                BufferedImage actual = ImageIO.read(captured.toFile());
                int[] decoded = decodedScreen(remote);
                // The lower half holds only the test pattern and the xterm: flat colours and text, sent losslessly.
                int mismatches = 0;
                int compared = 0;
                for (int y = HEIGHT / 2; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        compared++;
                        if ((actual.getRGB(x, y) & 0xFFFFFF) != (decoded[y * WIDTH + x] & 0xFFFFFF)) {
                            mismatches++;
                        }
                    }
                }
                assertEquals(0, mismatches, mismatches + " of " + compared + " pixels differ from the agent's screen");
                int everywhere = 0;
                for (int y = 0; y < HEIGHT; y++) {
                    for (int x = 0; x < WIDTH; x++) {
                        if ((actual.getRGB(x, y) & 0xFFFFFF) != (decoded[y * WIDTH + x] & 0xFFFFFF)) {
                            everywhere++;
                        }
                    }
                }
                assertTrue(everywhere < WIDTH * HEIGHT / 200, everywhere + " pixels differ on the whole screen");
                saveDecoded(decoded, shots.resolve("session-2-viewer-screen.png"));

                // View only: the operator's keys are dropped by the agent.
                String terminalWindow = user.awaitWindow("typing-target", WAIT);
                user.moveTo(40 + 200, 560 + 40);
                user.focus(terminalWindow);
                Thread.sleep(1200); // the user's own input pauses the operator's for a second
                typeRemotely(remote, "before\n");
                Thread.sleep(1500);
                assertEquals("", Files.readString(typed), "input without a grant reached the computer");

                // The operator asks for control; the user allows it.
                remote.requestControl("I will fix the printer settings");
                String controlPrompt = user.awaitWindow("Helmdesk: control request", WAIT);
                display.screenshot(shots.resolve("session-3-control-prompt.png"));
                user.clickIn(controlPrompt, 0.25, 1.0, -18);
                ControlState granted = viewer.awaitControl(true);
                assertTrue(granted.granted());
                // The keyboard is on another window (as the agent's own windows take it when they open) and no
                // window manager runs on this display: the operator's click gives the terminal the keyboard.
                user.moveTo(40 + 200, 560 + 40);
                user.focus(user.awaitWindow("Helmdesk session", WAIT));
                Thread.sleep(1200);
                remote.pointer(40 + 220, 560 + 50, 1, 0, 0);
                remote.pointer(40 + 220, 560 + 50, 0, 0, 0);
                typeRemotely(remote, "hello world\n");
                awaitFile(typed, text -> text.contains("hello world\n"));
                display.screenshot(shots.resolve("session-4-typed-remotely.png"));

                // Escape on the reached computer takes control back at once.
                user.key("Escape");
                ControlState revoked = viewer.awaitControl(false);
                assertEquals("The user pressed Escape", revoked.reason());
                Thread.sleep(1200);
                typeRemotely(remote, "after\n");
                Thread.sleep(1500);
                assertFalse(Files.readString(typed).contains("after"), Files.readString(typed));

                // Control asked for again and given back by the operator.
                remote.requestControl("");
                user.clickIn(user.awaitWindow("Helmdesk: control request", WAIT), 0.25, 1.0, -18);
                viewer.awaitControl(true);
                remote.giveBackControl();
                assertEquals("The operator gave back control", viewer.awaitControl(false).reason());

                // Chat both ways.
                remote.chat("Hello from the operator");
                String chatWindow = user.awaitWindow("Helmdesk chat", WAIT);
                user.clickIn(chatWindow, 0.3, 1.0, -18);
                user.type("Hello from the user");
                user.key("Return");
                ChatMessage answer = viewer.chats.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(answer != null && answer.text().equals("Hello from the user"), String.valueOf(answer));
                display.screenshot(shots.resolve("session-5-chat.png"));

                // Clipboard text both ways.
                remote.clipboard("copied by the operator");
                awaitClipboard(display, "copied by the operator");
                setClipboard(display, "copied by the user");
                assertEquals("copied by the user", viewer.clipboards.poll(WAIT.toSeconds(), TimeUnit.SECONDS));

                // 50 MiB each way, checked end to end.
                Path upload = randomFile(work.resolve("upload.bin"), 1);
                remote.files().send(upload, "upload.bin");
                assertEquals("upload.bin", viewer.awaitTransfer());
                assertEquals(sha256(upload), sha256(agentFolder.resolve("upload.bin")));
                Path download = randomFile(agentFolder.resolve("report.bin"), 2);
                remote.files().request("report.bin");
                viewer.awaitTransfer();
                assertEquals(sha256(download), sha256(operatorFolder.resolve("report.bin")));
                // A path leading outside the agent's chosen folder is refused: ".." cannot even be sent, and a link
                // planted in the folder is not followed out of it.
                assertThrows(IllegalArgumentException.class, () -> remote.files().request("../agent-data"));
                Files.createSymbolicLink(agentFolder.resolve("escape"), work.resolve("agent-data"));
                remote.files().request("escape/identity/device-id");
                String outside = viewer.failures.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertTrue(outside != null && outside.contains("leads outside the chosen folder"), String.valueOf(
                        outside));
                assertFalse(Files.exists(operatorFolder.resolve("device-id")));

                // The session's history, as the server kept it.
                String sessionId = start.path("sessionId").asText();
                remote.close();
                JsonNode history = await(() -> json(server.call("GET", "/api/v1/sessions/" + sessionId, session,
                        null)), s -> s.path("state").asText().equals("ENDED") && kinds(s).contains("ENDED"));
                List<String> kinds = kinds(history);
                for (String kind : List.of("REQUESTED", "CONNECTED", "CONTROL_REQUESTED", "CONTROL_GRANTED",
                        "CONTROL_REVOKED", "CHAT", "CLIPBOARD", "FILE_RECEIVED", "FILE_SENT")) {
                    assertTrue(kinds.contains(kind), kind + " in " + kinds);
                }
                assertTrue(history.path("bytesFromAgent").asLong() > BIG_FILE, history.toString());
                assertTrue(history.path("bytesFromConsole").asLong() > BIG_FILE, history.toString());
                awaitDevice(server, session, d -> d.path("status").asText().equals("ONLINE"));

                // A used ticket is refused; so is a forged control grant and a frame over the limit.
                RelayRefusedException reused = assertThrows(RelayRefusedException.class, () -> RelayChannel.join(
                        relay(start), ticket(start), Duration.ofSeconds(10), new Collector()));
                assertEquals("Unknown, used or expired session ticket", reused.relayMessage());

                JsonNode second = startSession(server, session, deviceId);
                Collector forger = new Collector();
                CompletableFuture<RelayChannel> forgerJoined = CompletableFuture.supplyAsync(() -> {
                    try {
                        return RelayChannel.join(relay(second), ticket(second), WAIT, forger);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                user.clickIn(user.awaitWindow("Helmdesk: remote session request", WAIT), 0.25, 1.0, -18);
                RelayChannel forged = forgerJoined.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                forged.send(new ControlState(true, "granted by myself"));
                ErrorMessage refusal = forger.await(ErrorMessage.class);
                assertEquals(ErrorCode.UNEXPECTED_MESSAGE, refusal.code());
                assertEquals("Only the user of the reached computer grants control", refusal.message());
                JsonNode forgedHistory = await(() -> json(server.call("GET", "/api/v1/sessions/" + second.path(
                        "sessionId").asText(), session, null)), s -> s.path("state").asText().equals("ENDED")
                                && s.toString().contains("The viewer sent a forged control grant"));
                assertEquals("ENDED", forgedHistory.path("state").asText());

                JsonNode third = startSession(server, session, deviceId);
                CompletableFuture<ErrorMessage> oversized = CompletableFuture.supplyAsync(() -> oversizedFrame(
                        relay(third), ticket(third)));
                user.clickIn(user.awaitWindow("Helmdesk: remote session request", WAIT), 0.25, 1.0, -18);
                ErrorMessage tooLarge = oversized.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(ErrorCode.FRAME_TOO_LARGE, tooLarge.code());

                // The user refuses a session: the operator is told why.
                JsonNode fourth = startSession(server, session, deviceId);
                CompletableFuture<Throwable> refused = CompletableFuture.supplyAsync(() -> {
                    try {
                        ViewerSession.join(relay(fourth), ticket(fourth), WAIT, "Olivia Operator",
                                operatorFolder, new Recorder(), new Recorder()).close();
                        return null;
                    } catch (IOException e) {
                        return e;
                    }
                });
                user.clickIn(user.awaitWindow("Helmdesk: remote session request", WAIT), 0.75, 1.0, -18);
                RelayRefusedException refusedSession = assertInstanceOf(RelayRefusedException.class, refused.get(
                        WAIT.toSeconds(), TimeUnit.SECONDS));
                assertEquals("The user refused the session", refusedSession.relayMessage());

                agentProcess.stop(Duration.ofSeconds(20));
            } finally {
                xterm.destroy();
            }
        }
    }

    /** Flat colour blocks and black-on-white text: what a desktop of windows looks like to the encoder. */
    private static BufferedImage testPattern() {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(0x2E5C8A));
        g.fillRect(0, 0, WIDTH, HEIGHT);
        Color[] colours = {new Color(0xE0533D), new Color(0x4CAF50), new Color(0xFFC107), new Color(0x9C27B0),
                Color.WHITE, Color.BLACK};
        for (int i = 0; i < 12; i++) {
            g.setColor(colours[i % colours.length]);
            g.fillRect(60 + i * 97, 420 + (i % 3) * 30, 80, 110);
        }
        g.setColor(Color.WHITE);
        g.fillRect(700, 560, 520, 200);
        g.setColor(Color.BLACK);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 16));
        for (int line = 0; line < 9; line++) {
            g.drawString("Line " + line + ": the quick brown fox jumps over the lazy dog 0123456789", 712,
                    585 + line * 20);
        }
        g.dispose();
        return image;
    }

    private static void typeRemotely(ViewerSession remote, String text) {
        for (char c : text.toCharArray()) {
            int keysym = c == '\n' ? 0xFF0D : c;
            remote.key(keysym, true);
            remote.key(keysym, false);
        }
    }

    private static int[] decodedScreen(ViewerSession remote) {
        int[][] copy = new int[1][];
        remote.readScreen(decoder -> {
            assertEquals(WIDTH, decoder.width());
            assertEquals(HEIGHT, decoder.height());
            copy[0] = decoder.pixels().clone();
        });
        assertTrue(copy[0] != null, "no display layout arrived");
        return copy[0];
    }

    private static void saveDecoded(int[] pixels, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, WIDTH, HEIGHT, pixels, 0, WIDTH);
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    /**
     * Connects as the console's side of a session, runs TLS with the agent through the relay, then announces a payload
     * beyond the 16 MiB limit.
     */
    private static ErrorMessage oversizedFrame(RelayAddress relay, SessionTicket ticket) {
        try (Socket plain = new Socket(relay.host(), relay.port())) {
            plain.setSoTimeout((int) WAIT.toMillis());
            plain.getOutputStream().write(new FrameEncoder(Frame.PRE_AUTHENTICATION_MAX_PAYLOAD).encode(MessageCodec
                    .encode(new RelayJoin(ticket.ticket()))));
            plain.getOutputStream().flush();
            FrameDecoder frames = new FrameDecoder(Frame.DEFAULT_MAX_PAYLOAD);
            assertInstanceOf(RelayPaired.class, MessageCodec.decode(frames.read(plain.getInputStream())));
            SSLSocket socket = (SSLSocket) ticket.identity().context(ticket.peerPin()).getSocketFactory().createSocket(
                    plain, relay.host(), relay.port(), true);
            socket.setUseClientMode(true);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            // The agent speaks first (the session event "connected", its screen's layout); the header goes after
            // that, in a record of its own.
            assertNotNull(MessageCodec.decode(frames.read(in)));
            DataOutputStream header = new DataOutputStream(out);
            header.writeByte(Frame.MARKER);
            header.writeByte(0);
            header.writeShort(0x0501); // a ChatMessage of 32 MiB
            header.writeInt(32 * 1024 * 1024);
            header.flush();
            while (true) {
                Message message = MessageCodec.decode(frames.read(in));
                if (message instanceof ErrorMessage error) {
                    return error;
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void awaitFile(Path file, Predicate<String> condition) throws Exception {
        await(() -> Files.readString(file), condition);
    }

    private static void awaitClipboard(Xvfb display, String expected) throws Exception {
        await(() -> output(display, "xclip", "-o", "-selection", "clipboard"), expected::equals);
    }

    private static void setClipboard(Xvfb display, String text) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("xclip", "-selection", "clipboard", "-i");
        builder.environment().put("DISPLAY", display.display());
        // xclip stays in the background to serve the selection until another program takes it.
        Process xclip = builder.redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (OutputStream in = xclip.getOutputStream()) {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        Thread.sleep(200);
    }

    private static String output(Xvfb display, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display.display());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(10, TimeUnit.SECONDS);
        return output;
    }

    private static void run(Xvfb display, String... command) throws IOException, InterruptedException {
        output(display, command);
    }

    /** Keeps the xterm's process for the test's duration: without a window manager it sits where it was put. */
    private static void pin(Process xterm, Xvfb display) throws Exception {
        await(() -> xterm.isAlive() && !output(display, "xdotool", "search", "--class", "xterm").isBlank(),
                Boolean::booleanValue);
    }

    private static Path randomFile(Path file, long seed) throws IOException {
        byte[] bytes = new byte[BIG_FILE];
        new Random(seed).nextBytes(bytes);
        Files.createDirectories(file.getParent());
        return Files.write(file, bytes);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<String> kinds(JsonNode session) {
        List<String> kinds = new java.util.ArrayList<>();
        session.path("events").forEach(event -> kinds.add(event.path("kind").asText()));
        return kinds;
    }

    private static RelayAddress relay(JsonNode start) {
        return new RelayAddress(start.path("relayHost").asText(), start.path("relayPort").asInt());
    }

    private static SessionTicket ticket(JsonNode start) {
        return SessionTicket.of(Role.CONSOLE, start.path("ticket").asText(), start.path("identity").asText(), start
                .path("peerPin").asText());
    }

    private static JsonNode startSession(ServerUnderTest server, String session, String deviceId) throws Exception {
        HttpResponse<String> started = server.call("POST", "/api/v1/sessions", session, "{\"deviceId\":\"" + deviceId
                + "\"}");
        assertEquals(201, started.statusCode(), started.body());
        JsonNode start = json(started);
        SecretsSeen.record(start.path("ticket").asText());
        SecretsSeen.record(start.path("identity").asText());
        return start;
    }

    private static Path downloadAgent(ServerUnderTest server, String session, Path folder) throws Exception {
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server
                .baseUrl() + "/api/v1/agent-downloads/linux?maxUses=1&validDays=1")).header("Authorization",
                        "Bearer " + session)
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        Files.createDirectories(folder);
        Path archive = folder.resolve("helmdesk-agent-linux.tar.gz");
        Files.write(archive, download.body());
        Process tar = new ProcessBuilder("tar", "xzf", archive.toString(), "-C", folder.toString()).inheritIO().start();
        assertEquals(0, tar.waitFor());
        return folder.resolve("helmdesk-agent");
    }

    private static JsonNode awaitDevice(ServerUnderTest server, String session, Predicate<JsonNode> condition)
            throws Exception {
        return await(() -> json(server.call("GET", "/api/v1/devices", session, null)), l -> l.size() == 1
                && condition.test(l.path(0))).path(0);
    }

    private static <T> T await(Call<T> call, Predicate<T> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = call.get();
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
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
                "token", token, "email", "owner@example.org", "password", PASSWORD)));
        assertEquals(200, created.statusCode(), created.body());
        return json(created).path("token").asText();
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** The viewer's listener: what arrived, for the test to wait on. */
    private static final class Recorder implements ViewerSession.Listener, FileTransfers.Listener {

        final BlockingQueue<ControlState> controls = new LinkedBlockingQueue<>();
        final BlockingQueue<ChatMessage> chats = new LinkedBlockingQueue<>();
        final BlockingQueue<String> clipboards = new LinkedBlockingQueue<>();
        final BlockingQueue<String> transfers = new LinkedBlockingQueue<>();
        final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
        final Map<String, Long> lastFrame = new ConcurrentHashMap<>();

        @Override
        public void screenChanged(io.helmdesk.screen.Region region) {
            lastFrame.put("at", System.nanoTime());
        }

        @Override
        public void controlChanged(ControlState state) {
            controls.add(state);
        }

        @Override
        public void chat(ChatMessage message) {
            chats.add(message);
        }

        @Override
        public void clipboard(String text) {
            clipboards.add(text);
        }

        @Override
        public void offered(IncomingOffer offer) {
            offer.accept();
        }

        @Override
        public void progress(long transferId, String name, long bytesDone, long size) {
        }

        @Override
        public void finished(long transferId, String name, boolean success, String message) {
            (success ? transfers : failures).add(name + (success ? "" : ": " + message));
        }

        ControlState awaitControl(boolean granted) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                ControlState state = controls.poll(1, TimeUnit.SECONDS);
                if (state != null && state.granted() == granted) {
                    return state;
                }
            }
            throw new AssertionError("control " + (granted ? "granted" : "taken back") + " within " + WAIT);
        }

        String awaitTransfer() throws InterruptedException {
            String done = transfers.poll(WAIT.toSeconds() * 2, TimeUnit.SECONDS);
            assertTrue(done != null, "a transfer finished; failures: " + failures);
            return done;
        }

        /** Waits until frames have arrived and none came for {@code quiet}. */
        void awaitQuiet(ViewerSession remote, Duration quiet) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Long last = lastFrame.get("at");
                if (remote.frames() > 0 && last != null && System.nanoTime() - last > quiet.toNanos()) {
                    return;
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the screen did not settle: " + remote.frames() + " frames");
        }
    }

    /** A raw side of a session, for refusals. */
    private static final class Collector implements SessionPeer {

        final BlockingQueue<Message> received = new LinkedBlockingQueue<>();

        @Override
        public void received(Message message) {
            received.add(message);
        }

        @Override
        public void closed(String reason) {
        }

        <T extends Message> T await(Class<T> type) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                Message message = received.poll(1, TimeUnit.SECONDS);
                if (type.isInstance(message)) {
                    return type.cast(message);
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
        }
    }
}
