package io.helmdesk.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.subethamail.smtp.server.SMTPServer;

import io.helmdesk.systemtests.support.FreePort;
import io.helmdesk.systemtests.support.Products;
import io.helmdesk.systemtests.support.ServerUnderTest;

/**
 * Outgoing mail over STARTTLS (required) and implicit TLS, to an SMTP server in this test with its own self-signed
 * certificate: refused until the administrator names that certificate in {@code trust.certificates}, then sent.
 */
class MailTransportSecurityIT {

    private static final String STORE_PASSWORD = "test-store-5Kp";
    private static Path certificates;
    private static SSLContext serverTls;

    @BeforeAll
    static void makeCertificate() throws Exception {
        Path folder = Products.newWorkFolder("smtp-tls");
        Path store = folder.resolve("smtp.p12");
        certificates = folder.resolve("smtp.pem");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                store.toString(), "-storepass", STORE_PASSWORD);
        run(keytool, "-exportcert", "-rfc", "-alias", "smtp", "-keystore", store.toString(), "-storepass",
                STORE_PASSWORD, "-file", certificates.toString());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, STORE_PASSWORD.toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keyManagers.getKeyManagers(), null, null);
    }

    @Test
    void startTlsIsRequiredAndTheServerCertificateChecked() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        int port = FreePort.find();
        // requireTLS: the SMTP server refuses any mail before STARTTLS, so a received mail went through TLS.
        SMTPServer smtp = SMTPServer.port(port).bindAddress(InetAddress.getByName("127.0.0.1")).enableTLS()
                .requireTLS().startTlsSocketFactory(serverTls)
                .messageHandler((context, from, to, data) -> received.add(to + "\n"
                        + new String(data, StandardCharsets.UTF_8)))
                .build();
        smtp.start();
        try {
            sendThrough(port, "starttls", received);
        } finally {
            smtp.stop();
        }
    }

    @Test
    void implicitTlsWithTheServerCertificateChecked() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        int port = FreePort.find();
        SMTPServer smtp = SMTPServer.port(port).bindAddress(InetAddress.getByName("127.0.0.1"))
                .serverSocketFactory(serverTls)
                .messageHandler((context, from, to, data) -> received.add(to + "\n"
                        + new String(data, StandardCharsets.UTF_8)))
                .build();
        smtp.start();
        try {
            sendThrough(port, "tls", received);
        } finally {
            smtp.stop();
        }
    }

    /** Without the certificate named, the mail is refused (503, the reason in the log); with it, it arrives. */
    private static void sendThrough(int port, String security, BlockingQueue<String> received) throws Exception {
        Path work = Products.newWorkFolder("mail-" + security);
        Path installation = Products.copyServer(work.resolve("helmdesk-server"));
        Path configuration = installation.resolve("etc/io.helmdesk.mail.cfg");
        String base = "host = localhost\nport = " + port + "\nsecurity = " + security
                + "\nfrom = helmdesk@example.org\n";
        Files.writeString(configuration, base);
        try (ServerUnderTest server = ServerUnderTest.start(work, work.resolve("data"), installation)) {
            HttpResponse<String> refused = register(server, "untrusted@example.org");
            // The API may answer before the mail service has read etc/ (Config Admin delivers it on its own thread).
            for (int attempt = 0; attempt < 40 && refused.body().contains("cannot send e-mail yet"); attempt++) {
                Thread.sleep(250);
                refused = register(server, "untrusted@example.org");
            }
            assertEquals(503, refused.statusCode(), refused.body());
            assertTrue(refused.body().contains("could not send the e-mail"), refused.body());
            server.process().awaitOutput(java.util.regex.Pattern.compile("PKIX|certification path|certificate"),
                    Duration.ofSeconds(10));
            assertEquals(List.of(), List.copyOf(received));

            // The administrator names the relay's certificate; the running server reads etc/ again.
            Files.writeString(configuration, base + "trust.certificates = " + certificates + "\n");
            HttpResponse<String> accepted = null;
            for (int attempt = 0; attempt < 40; attempt++) {
                accepted = register(server, "trusted" + attempt + "@example.org");
                if (accepted.statusCode() == 202) {
                    break;
                }
                Thread.sleep(500);
            }
            assertEquals(202, accepted.statusCode(), accepted.body());
            String mail = received.poll(30, TimeUnit.SECONDS);
            assertTrue(mail != null && mail.startsWith("trusted") && mail.contains("Subject: Your Helmdesk account"),
                    String.valueOf(mail));
            server.stop();
        }
    }

    private static HttpResponse<String> register(ServerUnderTest server, String email) throws Exception {
        return server.call("POST", "/api/v1/auth/register", null, "{\"email\":\"" + email + "\",\"language\":\"en\"}");
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), String.join(" ", command) + "\n" + output);
    }
}
