package io.helmdesk.auth.impl.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helmdesk.store.api.SettingsStore;

/**
 * A client of the Telegram Bot API (https://core.telegram.org/bots/api): it sends codes with {@code sendMessage} and
 * reads what people write to the bot with {@code getUpdates} long polling, so the server needs no public webhook
 * address. Exists only while {@code io.helmdesk.telegram} is configured.
 */
@Component(service = TelegramBot.class, configurationPid = TelegramConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = TelegramConfiguration.class)
public class TelegramBot {

    /** Where the last handled update is kept, so a restart does not handle a message twice. */
    static final String OFFSET_SETTING = "telegram.update-offset";
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Logger logger = LoggerFactory.getLogger(TelegramBot.class);
    private final ObjectMapper json = new ObjectMapper();
    private final TelegramChatLinks chatLinks;
    private final SettingsStore settings;
    private final HttpClient http;
    private final String methodsBase;
    private final String apiBase;
    private final String username;
    private final int pollSeconds;
    private final boolean configured;
    private final Thread poller;
    private volatile boolean running = true;

    @Activate
    public TelegramBot(TelegramConfiguration configuration, @Reference TelegramChatLinks chatLinks,
            @Reference SettingsStore settings) {
        this.chatLinks = chatLinks;
        this.settings = settings;
        this.apiBase = configuration.api_base_url().replaceAll("/+$", "");
        String token = Objects.requireNonNullElse(configuration._bot_token(), "").strip();
        this.methodsBase = apiBase + "/bot" + token + "/";
        this.username = Objects.requireNonNullElse(configuration.bot_username(), "").strip().replaceFirst("^@", "");
        this.configured = !token.isEmpty() && !username.isEmpty();
        this.pollSeconds = Math.max(1, configuration.poll_timeout_seconds());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.poller = Thread.ofPlatform().daemon().name("telegram-bot-updates").unstarted(this::pollUpdates);
        if (configured) {
            poller.start();
            logger.info("Telegram bot @{} reads its messages from {}", username, apiBase);
        }
    }

    @Deactivate
    void stop() throws InterruptedException {
        running = false;
        poller.interrupt();
        http.shutdownNow();
        poller.join(5_000);
    }

    /** Whether a bot token and user name are set (the shipped file has them commented out). */
    boolean configured() {
        return configured;
    }

    String username() {
        return username;
    }

    /** @throws DeliveryUnavailableException if the Bot API did not take the message */
    void sendMessage(long chatId, String text) {
        ObjectNode body = json.createObjectNode().put("chat_id", chatId).put("text", text);
        try {
            call("sendMessage", body, Duration.ofSeconds(20));
        } catch (IOException e) {
            logger.warn("Telegram sendMessage failed: {}", e.getMessage());
            throw new DeliveryUnavailableException("The server could not reach Telegram; try again later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryUnavailableException("The server could not reach Telegram; try again later");
        }
    }

    private void pollUpdates() {
        long offset = settings.get(OFFSET_SETTING).map(Long::parseLong).orElse(0L);
        Duration backoff = Duration.ofSeconds(1);
        while (running) {
            try {
                ObjectNode body = json.createObjectNode().put("offset", offset).put("timeout", pollSeconds);
                body.putArray("allowed_updates").add("message");
                JsonNode updates = call("getUpdates", body, Duration.ofSeconds(pollSeconds + 15L));
                for (JsonNode update : updates) {
                    offset = Math.max(offset, update.path("update_id").asLong() + 1);
                    handle(update.path("message"));
                    settings.put(OFFSET_SETTING, Long.toString(offset));
                }
                backoff = Duration.ofSeconds(1);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                if (!running) {
                    return;
                }
                logger.warn("Telegram getUpdates failed ({}); trying again in {} s", e.getMessage(),
                        backoff.toSeconds());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /** A private message to the bot: "/start CODE" links the chat; anything else gets a short help. */
    private void handle(JsonNode message) {
        if (!message.path("chat").path("type").asText().equals("private") || !message.path("text").isTextual()) {
            return;
        }
        long chatId = message.path("chat").path("id").asLong();
        String text = message.path("text").asText().strip();
        String reply;
        if (text.startsWith("/start ")) {
            reply = chatLinks.link(chatId, text.substring("/start ".length()).strip());
        } else {
            reply = "This bot sends Helmdesk sign-in codes. To link this chat, open the link shown in Helmdesk's "
                    + "account settings.";
        }
        try {
            sendMessage(chatId, reply);
        } catch (DeliveryUnavailableException e) {
            // Already logged; the person can start over from the account settings.
        }
    }

    /** Calls a Bot API method; the token is part of the URL, so the URL is never logged. */
    private JsonNode call(String method, ObjectNode body, Duration timeout) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(methodsBase + method)).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            throw new IOException(method + " answered HTTP " + response.statusCode() + " with no JSON");
        }
        if (!answer.path("ok").asBoolean(false)) {
            throw new IOException(method + " answered HTTP " + response.statusCode() + ": "
                    + answer.path("description").asText("no description"));
        }
        return answer.path("result");
    }
}
