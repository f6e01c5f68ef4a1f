package io.helmdesk.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerUrlTest {

    @ParameterizedTest
    @CsvSource({"https://helmdesk.example.org, https://helmdesk.example.org/api/v1/auth/login",
            "' https://helmdesk.example.org/ ', https://helmdesk.example.org/api/v1/auth/login",
            "HTTPS://helmdesk.example.org:8443/remote//, https://helmdesk.example.org:8443/remote/api/v1/auth/login",
            "http://127.0.0.1:8080, http://127.0.0.1:8080/api/v1/auth/login"})
    void resolvesTheApiUnderTheAddress(String configured, String login) {
        assertEquals(login, ServerUrl.parse(configured).orElseThrow().resolve("/api/v1/auth/login").toString());
    }

    @Test
    void emptyMeansNoSignIn() {
        assertTrue(ServerUrl.parse("").isEmpty());
        assertTrue(ServerUrl.parse("  ").isEmpty());
        assertTrue(ServerUrl.parse(null).isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"helmdesk.example.org|must start with https://",
            "ftp://helmdesk.example.org|must start with https://", "https://|is not a web address",
            "https:///path|must be the server's address only",
            "https://user@helmdesk.example.org|must be the server's address only",
            "https://helmdesk.example.org/?a=b|must be the server's address only",
            "https://helmdesk.example.org/#x|must be the server's address only",
            "https://bad host|is not a web address"})
    void explainsWhatIsWrong(String configured, String explanation) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> ServerUrl.parse(configured));
        assertTrue(refusal.getMessage().contains(explanation), refusal.getMessage());
    }

    @Test
    void plainHttpCountsAsUnencryptedOnlyOffThisComputer() {
        assertTrue(ServerUrl.parse("http://helmdesk.example.org").orElseThrow().unencrypted());
        assertFalse(ServerUrl.parse("http://localhost:8080").orElseThrow().unencrypted());
        assertFalse(ServerUrl.parse("http://127.0.0.1:8080").orElseThrow().unencrypted());
        assertFalse(ServerUrl.parse("https://helmdesk.example.org").orElseThrow().unencrypted());
    }
}
