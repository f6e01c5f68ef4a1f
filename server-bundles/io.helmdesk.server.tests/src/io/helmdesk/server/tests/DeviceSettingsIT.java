package io.helmdesk.server.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.auth.api.ApiKeyService;
import io.helmdesk.auth.api.Permission;
import io.helmdesk.store.api.AccountRecord;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.DeviceRepository;
import io.helmdesk.testing.OsgiServices;

/**
 * A device card's settings over {@code /api/v1/devices/{id}} (DEV-4, DEV-12, SES-2), for an account's device put into
 * the store as an enrolled agent leaves it, called with an API key of that account: what PATCH changes, what it
 * leaves, and what the store keeps across its restart.
 */
class DeviceSettingsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private String baseUrl;
    private String accountId;
    private String deviceId;
    private String apiKey;

    @BeforeEach
    void enrolledDevice() throws Exception {
        baseUrl = OsgiServices.awaitRestApi();
        accountId = UUID.randomUUID().toString();
        String email = "devices-" + accountId + "@example.org";
        OsgiServices.await(AccountRepository.class).insert(new AccountRecord(accountId, email, email, "Dora Devices",
                "USER", "ACTIVE", null, "en", "UTC", System.currentTimeMillis()));
        deviceId = UUID.randomUUID().toString();
        OsgiServices.await(DeviceRepository.class).insert(new DeviceRecord(deviceId, accountId, "key-" + deviceId,
                deviceId.replace("-", ""), "Reception PC", "reception-01", "", "Windows 11", "10.0", "0.1.0",
                System.currentTimeMillis(), "203.0.113.10", true, false, true, System.currentTimeMillis()));
        apiKey = OsgiServices.await(ApiKeyService.class)
                .create(accountId, "device settings", Set.of(Permission.OWN_DEVICES)).secret();
    }

    @AfterEach
    void removeDeviceAndAccount() throws Exception {
        OsgiServices.await(DeviceRepository.class).delete(deviceId);
        OsgiServices.await(AccountRepository.class).delete(accountId);
    }

    @Test
    void consentRequiredIsTheDefaultChangesOnlyWhenSentAndSurvivesARestartOfTheStore() throws Exception {
        JsonNode enrolled = device();
        assertTrue(enrolled.path("consentRequired").asBoolean(false), enrolled.toString());

        JsonNode renamed = patch("{\"displayName\":\"Kiosk\"}");
        assertEquals("Kiosk", renamed.path("displayName").asText());
        assertTrue(renamed.path("consentRequired").asBoolean(false), "a field not sent stays: " + renamed);

        JsonNode unattended = patch("{\"consentRequired\":false}");
        assertFalse(unattended.path("consentRequired").asBoolean(true), unattended.toString());
        assertEquals("Kiosk", unattended.path("displayName").asText(), "the other settings stay");
        assertTrue(unattended.path("previewsEnabled").asBoolean(false), unattended.toString());
        assertFalse(OsgiServices.await(DeviceRepository.class).find(deviceId).orElseThrow().consentRequired());

        Bundle store = OsgiServices.bundle("io.helmdesk.store.jpa");
        store.stop(); // closes EclipseLink and shuts the Derby database down: what follows is read from disk
        store.start();
        JsonNode reread = deviceOnceServedAgain();
        assertFalse(reread.path("consentRequired").asBoolean(true), reread.toString());

        assertTrue(patch("{\"consentRequired\":true}").path("consentRequired").asBoolean(false));
    }

    private JsonNode device() throws Exception {
        return answer(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/devices/" + deviceId)).GET());
    }

    /** The device once the REST whiteboard serves it again: the services behind it come back after the store. */
    private JsonNode deviceOnceServedAgain() throws Exception {
        baseUrl = OsgiServices.awaitRestApi();
        long deadline = System.nanoTime() + OsgiServices.TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/devices/"
                    + deviceId)).GET());
            if (response.statusCode() == 200) {
                return JSON.readTree(response.body());
            }
            assertTrue(System.nanoTime() < deadline, "not served again: " + response.statusCode() + " "
                    + response.body());
            Thread.sleep(200);
        }
    }

    private JsonNode patch(String body) throws Exception {
        return answer(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/devices/" + deviceId))
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json"));
    }

    private JsonNode answer(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = send(request);
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.header("Accept", "application/json").header("Authorization", "Bearer " + apiKey)
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
