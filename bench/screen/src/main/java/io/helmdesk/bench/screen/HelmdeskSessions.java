package io.helmdesk.bench.screen;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens Helmdesk sessions as an operator and the agent's user would: {@code POST /api/v1/sessions} with the
 * administrator's token, the viewer joins the relay with the ticket, and the agent's user clicks "Allow" in the
 * consent prompt (xdotool on the display, the left button as the system tests do). Once the viewer has its first
 * picture, the agent's own windows (its main window and the session bar) are unmapped, so that the screen is the same
 * as the VNC servers see it. A session that ends (e.g. the agent's screen streamer failed) is replaced by a new one
 * for the next workload.
 */
final class HelmdeskSessions {

    private static final String PROMPT = "Helmdesk: remote session request";

    private final String api;
    private final String token;
    private final String deviceId;
    private final String display;
    private final Path work;
    private final MarkerProbe probe;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String> sessionIds = new ArrayList<>();

    HelmdeskSessions(String api, String token, String deviceId, String display, Path work, MarkerProbe probe) {
        this.api = api;
        this.token = token;
        this.deviceId = deviceId;
        this.display = display;
        this.work = work;
        this.probe = probe;
    }

    List<String> sessionIds() {
        return sessionIds;
    }

    /** A new session, joined and allowed; returns once the viewer is connected (not yet with its first picture). */
    HelmdeskViewer open(int markerX, int markerY) throws IOException, InterruptedException {
        String body = post("/sessions", "{\"deviceId\":\"" + deviceId + "\"}");
        String sessionId = field(body, "sessionId");
        sessionIds.add(sessionId);
        String host = field(body, "relayHost");
        int port = Integer.parseInt(field(body, "relayPort"));
        String ticket = field(body, "ticket");
        String identity = field(body, "identity");
        String peerPin = field(body, "peerPin");
        ScreenBench.log("Session " + sessionId + " offered; relay " + host + ":" + port);
        CompletableFuture<HelmdeskViewer> joined = CompletableFuture.supplyAsync(() -> {
            try {
                return HelmdeskViewer.join(host, port, ticket, identity, peerPin, Duration.ofSeconds(90), work, probe,
                        markerX, markerY);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String prompt = awaitWindow(PROMPT, Duration.ofSeconds(60), joined);
        if (prompt != null) {
            Thread.sleep(300);
            Map<String, Integer> geometry = geometry(prompt);
            xdotool("mousemove", "--sync", Integer.toString(geometry.get("X") + geometry.get("WIDTH") / 4),
                    Integer.toString(geometry.get("Y") + geometry.get("HEIGHT") - 18), "click", "1");
            xdotool("mousemove", "--sync", "0", "1079");
            ScreenBench.log("Allowed the session in the agent's consent prompt");
        } else {
            ScreenBench.log("No consent prompt appeared");
        }
        try {
            return joined.get(90, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            throw new IOException("Joining the session failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new IOException("The viewer did not join within 90 s");
        }
    }

    /** Unmaps the agent's main window and the session bar (the benchmark's screen has no agent windows). */
    void hideAgentWindows() throws IOException, InterruptedException {
        for (String window : xdotool("search", "--onlyvisible", "--name", "^Helmdesk( session)?$").lines()
                .map(String::strip).filter(s -> !s.isEmpty()).toList()) {
            xdotool("windowunmap", "--sync", window);
        }
    }

    /** The relay's byte counts of every session so far, from GET /api/v1/sessions/{id}. */
    String relayCounts() {
        StringBuilder text = new StringBuilder();
        for (String id : sessionIds) {
            try {
                String body = get("/sessions/" + id);
                text.append(text.isEmpty() ? "" : "; ").append(id, 0, 8).append(": ").append(field(body, "state"))
                        .append(", ").append(field(body, "bytesFromAgent")).append(" bytes from the agent");
                String reason = fieldOrNull(body, "endReason");
                if (reason != null) {
                    text.append(" (").append(reason).append(')');
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                text.append(text.isEmpty() ? "" : "; ").append(id).append(": ").append(e.getMessage());
            }
        }
        return text.toString();
    }

    private String awaitWindow(String title, Duration timeout, CompletableFuture<?> stopWhenDone)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !stopWhenDone.isDone()) {
            String found = xdotool("search", "--onlyvisible", "--name", title).strip();
            if (!found.isEmpty()) {
                return found.lines().findFirst().orElseThrow();
            }
            Thread.sleep(200);
        }
        return null;
    }

    private Map<String, Integer> geometry(String window) throws IOException, InterruptedException {
        Map<String, Integer> values = new HashMap<>();
        for (String line : xdotool("getwindowgeometry", "--shell", window).lines().toList()) {
            String[] pair = line.split("=", 2);
            if (pair.length == 2 && pair[1].matches("-?\\d+")) {
                values.put(pair[0], Integer.parseInt(pair[1]));
            }
        }
        return values;
    }

    private String xdotool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("xdotool"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("DISPLAY", display);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("xdotool " + String.join(" ", arguments) + " did not end");
        }
        return process.exitValue() == 0 ? output : "";
    }

    private String post(String path, String json) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(api + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** A top-level field of a flat JSON object, string or number (enough for these answers). */
    static String field(String json, String name) throws IOException {
        String value = fieldOrNull(json, name);
        if (value == null) {
            throw new IOException("No " + name + " in " + json);
        }
        return value;
    }

    static String fieldOrNull(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9.]+))")
                .matcher(json);
        if (!m.find()) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(3);
    }
}
