package io.helmdesk.console.client.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

    @ParameterizedTest
    @CsvSource({"localhost, http://localhost:8080", "  localhost:9090 , http://localhost:9090",
            "http://helmdesk.example.org, http://helmdesk.example.org:8080",
            "https://helmdesk.example.org, https://helmdesk.example.org:443",
            "HTTPS://helmdesk.example.org:8443/, https://helmdesk.example.org:8443",
            "10.1.2.3:80, http://10.1.2.3:80", "http://example.org/helmdesk, http://example.org:8080/helmdesk",
            "[::1]:8080, http://[::1]:8080"})
    void readsWhatPeopleType(String typed, String expected) {
        assertEquals(expected, ServerAddress.parse(typed).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "ftp://example.org", "http://", "http://user:pw@example.org",
            "example.org/?q=1", "exa mple.org"})
    void refusesWhatIsNoServerAddress(String typed) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> ServerAddress.parse(typed));
        assertTrue(refusal.getMessage().length() > 10, refusal.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"localhost:8080, http://localhost:8080/api/v1/health",
            "http://example.org:8080/helmdesk, http://example.org:8080/helmdesk/api/v1/health"})
    void resolvesApiPathsBelowTheBase(String typed, String expected) {
        assertEquals(expected, ServerAddress.parse(typed).resolve("/api/v1/health").toString());
    }
}
