package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A local server speaking the part of the Telegram Bot API the server uses: {@code getUpdates} (long polling, with
 * the offset confirming earlier updates, as Telegram does) and {@code sendMessage}. People "write to the bot" with
 * {@link #userWrites}; what the bot sent is read with {@link #awaitMessage}.
 */
public final class TelegramBotApi implements AutoCloseable {

    public record SentMessage(long chatId, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String token;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<ObjectNode> updates = new ArrayList<>();
    private final BlockingQueue<SentMessage> sent = new LinkedBlockingQueue<>();
    private long nextUpdateId = 1000;
    private volatile boolean failSends;

    public TelegramBotApi(String token) throws IOException {
        this.token = token;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A private message from a person to the bot. */
    public synchronized void userWrites(long chatId, String text) {
        ObjectNode update = JSON.createObjectNode().put("update_id", nextUpdateId++);
        ObjectNode message = update.putObject("message").put("message_id", nextUpdateId).put("date",
                System.currentTimeMillis() / 1000).put("text", text);
        message.putObject("from").put("id", chatId).put("is_bot", false).put("first_name", "Test");
        message.putObject("chat").put("id", chatId).put("type", "private");
        updates.add(update);
        notifyAll();
    }

    /** The next message the bot sent to this chat (messages to other chats are skipped). */
    public String awaitMessage(long chatId, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            SentMessage message = sent.poll(end - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (message != null && message.chatId() == chatId) {
                return message.text();
            }
        }
        throw new AssertionError("the bot sent nothing to chat " + chatId + " within " + timeout);
    }

    /** Makes sendMessage fail as Telegram does when it is down. */
    public void failSends(boolean fail) {
        failSends = fail;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            if (!path.startsWith("/bot" + token + "/")) {
                answer(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            switch (path.substring(("/bot" + token + "/").length())) {
                case "getUpdates" -> answer(exchange, 200, ok(updates(body.path("offset").asLong(),
                        body.path("timeout").asInt())));
                case "sendMessage" -> {
                    if (failSends) {
                        answer(exchange, 502, error(502, "Bad Gateway"));
                        return;
                    }
                    sent.add(new SentMessage(body.path("chat_id").asLong(), body.path("text").asText()));
                    ObjectNode message = JSON.createObjectNode().put("message_id", 1).put("text",
                            body.path("text").asText());
                    message.putObject("chat").put("id", body.path("chat_id").asLong()).put("type", "private");
                    answer(exchange, 200, ok(message));
                }
                default -> answer(exchange, 404, error(404, "Not Found"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Drops the updates the offset confirms, then returns the rest, waiting up to the timeout for one. */
    private synchronized JsonNode updates(long offset, int timeoutSeconds) throws InterruptedException {
        updates.removeIf(u -> u.path("update_id").asLong() < offset);
        long end = System.currentTimeMillis() + timeoutSeconds * 1000L;
        while (updates.isEmpty() && System.currentTimeMillis() < end) {
            wait(Math.max(1, end - System.currentTimeMillis()));
        }
        return JSON.valueToTree(updates);
    }

    private static ObjectNode ok(JsonNode result) {
        ObjectNode answer = JSON.createObjectNode().put("ok", true);
        answer.set("result", result);
        return answer;
    }

    private static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private static void answer(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
