package io.helmdesk.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayAddressTest {

    @ParameterizedTest
    @CsvSource({"helmdesk.example.org:8443, helmdesk.example.org, 8443", "' 10.0.0.5:7000 ', 10.0.0.5, 7000",
            "[::1]:8443, [::1], 8443"})
    void readsHostAndPort(String configured, String host, int port) {
        GatewayAddress address = GatewayAddress.parse(configured);
        assertEquals(host, address.host());
        assertEquals(port, address.port());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"''|missing", "helmdesk.example.org|needs a port",
            "helmdesk.example.org:0|needs a port", "helmdesk.example.org:70000|needs a port",
            "https://helmdesk.example.org:8443|without scheme", "host:8443/path|without scheme",
            "user@host:8443|not host:port", "bad host:1|not host:port"})
    void explainsWhatIsWrong(String configured, String explanation) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                () -> GatewayAddress.parse(configured));
        assertTrue(refusal.getMessage().contains(explanation), refusal.getMessage());
    }
}
