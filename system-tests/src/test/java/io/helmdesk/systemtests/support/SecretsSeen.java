package io.helmdesk.systemtests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every secret the system tests send to or get from a server (passwords, tokens, API keys, seeds, link codes), kept
 * in {@code target/secrets-seen.txt} so that {@code SecretsScanIT} can check, after the whole run, that none of them
 * reached a log or a database file in clear.
 */
public final class SecretsSeen {

    /** JSON fields that hold secrets, in requests and answers. */
    private static final Set<String> FIELDS = Set.of("password", "newPassword", "currentPassword", "token",
            "pendingToken", "pollToken", "secret", "linkCode");
    /** Shorter values (six-digit codes) would match by chance in binary files; they are stored hashed anyway. */
    private static final int SHORTEST = 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SecretsSeen() {
    }

    public static Path file() {
        return Path.of(System.getProperty("helmdesk.work", "target/work")).resolveSibling("secrets-seen.txt");
    }

    /** Notes the secrets of one API exchange; the setup token is left out, as the server prints it by design. */
    public static void exchange(String path, String bearer, String requestBody, String answerBody) {
        Set<String> secrets = new LinkedHashSet<>();
        add(secrets, bearer);
        if (!path.startsWith("/api/v1/auth/setup")) {
            fields(secrets, requestBody);
        } else {
            addField(secrets, requestBody, "password");
        }
        fields(secrets, answerBody);
        record(secrets.toArray(String[]::new));
    }

    /** Notes secrets a test handles outside the API (a bot token, a client secret). */
    public static synchronized void record(String... secrets) {
        StringBuilder lines = new StringBuilder();
        for (String secret : secrets) {
            if (secret != null && secret.length() >= SHORTEST && !secret.contains("\n")) {
                lines.append(secret).append('\n');
            }
        }
        if (lines.isEmpty()) {
            return;
        }
        try {
            Files.createDirectories(file().getParent());
            Files.writeString(file(), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot note secrets in " + file(), e);
        }
    }

    private static void fields(Set<String> secrets, String body) {
        for (String field : FIELDS) {
            addField(secrets, body, field);
        }
    }

    private static void addField(Set<String> secrets, String body, String field) {
        if (body == null || body.isBlank()) {
            return;
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                add(secrets, json.path(field).isTextual() ? json.path(field).asText() : null);
                add(secrets, json.path("key").path(field).isTextual() ? json.path("key").path(field).asText() : null);
            }
        } catch (IOException e) {
            // Not JSON (an HTML page, a malformed body sent on purpose): nothing to note.
        }
    }

    private static void add(Set<String> secrets, String value) {
        if (value != null) {
            secrets.add(value);
        }
    }
}
