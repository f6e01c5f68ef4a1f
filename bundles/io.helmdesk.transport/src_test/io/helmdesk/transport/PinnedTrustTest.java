package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Agents trust the pinned server certificate and nothing else. */
class PinnedTrustTest {

    @Test
    void aClientPinnedToAnotherCertificateIsRefusedWithBothFingerprints(@TempDir Path folder) throws Exception {
        String otherPin = ServerIdentity.loadOrCreate(folder.resolve("other.p12"), List.of("other.example")).pin();
        String actualPin = Fixtures.identity().pin();
        Recorder serverSide = new Recorder();
        try (TransportServer server = Fixtures.server(Fixtures.serverSettings(), serverSide)) {
            Recorder clientSide = new Recorder();
            IOException refused = assertThrows(IOException.class,
                    () -> TransportClient.connect(server.address(), PinnedTrust.clientContext(otherPin),
                            Fixtures.clientSettings(Duration.ofSeconds(30)), clientSide));
            assertTrue(refused.getMessage().contains(otherPin), refused.getMessage());
            assertTrue(refused.getMessage().contains(actualPin), refused.getMessage());
            assertTrue(clientSide.opened.isEmpty(), "the client handler saw no connection");
            // The server never finished a handshake with it: no opened, no message, no close to report.
            Thread.sleep(200);
            assertTrue(serverSide.opened.isEmpty());
            assertTrue(serverSide.received.isEmpty());
            assertTrue(serverSide.closed.isEmpty());
            assertEquals(0, waitForNoConnections(server));

            // The same server, the right pin: accepted.
            TransportClient.connect(server.address(), PinnedTrust.clientContext(actualPin.toUpperCase(Locale.ROOT)),
                    Fixtures.clientSettings(Duration.ofSeconds(30)), clientSide);
            clientSide.nextOpened();
        }
    }

    @Test
    void pinsAreSha256OfTheCertificate() throws Exception {
        ServerIdentity identity = Fixtures.identity();
        assertEquals(identity.pin(), PinnedTrust.pin(identity.certificate()));
        assertTrue(identity.pin().matches("[0-9a-f]{64}"), identity.pin());
        String withColons = identity.pin().replaceAll("(..)(?!$)", "$1:");
        SSLContext context = PinnedTrust.clientContext(withColons);
        assertEquals("TLS", context.getProtocol());
    }

    @Test
    void aMalformedPinIsRefusedAtOnce() {
        assertThrows(IllegalArgumentException.class, () -> PinnedTrust.clientContext("abc"));
        assertThrows(IllegalArgumentException.class, () -> PinnedTrust.clientContext("z".repeat(64)));
        assertThrows(NullPointerException.class, () -> PinnedTrust.clientContext(null));
    }

    private static int waitForNoConnections(TransportServer server) throws InterruptedException {
        for (int i = 0; i < 200 && server.connections() > 0; i++) {
            Thread.sleep(10);
        }
        return server.connections();
    }
}
