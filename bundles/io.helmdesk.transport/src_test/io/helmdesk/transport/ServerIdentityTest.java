package io.helmdesk.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's identity is made once and then kept: the pin agents hold never changes. */
class ServerIdentityTest {

    @Test
    void theIdentitySurvivesAReloadAndTheFileIsPrivate(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("keys/gateway.p12");
        ServerIdentity created = ServerIdentity.loadOrCreate(file, List.of("helmdesk.example.com", "localhost"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));

        ServerIdentity reloaded = ServerIdentity.loadOrCreate(file, List.of("another.example.com"));
        assertEquals(created.pin(), reloaded.pin());
        assertArrayEquals(created.certificate().getEncoded(), reloaded.certificate().getEncoded());
        assertEquals(List.of("gateway.p12"), names(file.getParent()), "no temporary file is left behind");
    }

    @Test
    void aFileOthersCanReadIsRestricted(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("gateway.p12");
        String pin = ServerIdentity.loadOrCreate(file, List.of("localhost")).pin();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(pin, ServerIdentity.loadOrCreate(file, List.of("localhost")).pin());
        assertEquals(Set.copyOf(PosixFilePermissions.fromString("rw-------")), Files.getPosixFilePermissions(file));
    }

    @Test
    void theCertificateIsSelfSignedP256ForTheHostNamesAndTenYears(@TempDir Path folder) throws Exception {
        ServerIdentity identity = ServerIdentity.loadOrCreate(folder.resolve("gateway.p12"),
                List.of("helmdesk.example.com", "localhost", "127.0.0.1", "::1"));
        var certificate = identity.certificate();
        certificate.checkValidity();
        certificate.verify(certificate.getPublicKey());
        assertEquals("CN=helmdesk.example.com", certificate.getSubjectX500Principal().getName());
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
        ECParameterSpec curve = ((ECPublicKey) certificate.getPublicKey()).getParams();
        assertEquals(256, curve.getCurve().getField().getFieldSize());
        assertEquals("SHA256withECDSA", certificate.getSigAlgName());
        Duration validity = Duration.between(Instant.now(), certificate.getNotAfter().toInstant());
        assertTrue(validity.toDays() >= 3650 && validity.toDays() <= 3654, validity.toString());
        assertTrue(certificate.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
        List<String> alternativeNames = new ArrayList<>();
        for (List<?> name : certificate.getSubjectAlternativeNames()) {
            alternativeNames.add(name.get(0) + "=" + name.get(1));
        }
        assertEquals(List.of("2=helmdesk.example.com", "2=localhost", "7=127.0.0.1", "7=0:0:0:0:0:0:0:1"),
                alternativeNames);
    }

    @Test
    void anUnreadableIdentityIsAnErrorNotReplaced(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("gateway.p12");
        Files.write(file, new byte[]{1, 2, 3});
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        IOException failure = assertThrows(IOException.class,
                () -> ServerIdentity.loadOrCreate(file, List.of("localhost")));
        assertTrue(failure.getMessage().contains(file.toString()), failure.getMessage());
        assertArrayEquals(new byte[]{1, 2, 3}, Files.readAllBytes(file), "the file is left as it was");
    }

    @Test
    void hostNamesAreChecked(@TempDir Path folder) {
        Path file = folder.resolve("gateway.p12");
        assertThrows(IllegalArgumentException.class, () -> ServerIdentity.loadOrCreate(file, List.of()));
        assertThrows(IllegalArgumentException.class, () -> ServerIdentity.loadOrCreate(file, List.of(" ")));
        assertThrows(IllegalArgumentException.class,
                () -> ServerIdentity.loadOrCreate(file, List.of("bad,name=x")));
        assertTrue(Files.notExists(file));
    }

    private static Collection<String> names(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
