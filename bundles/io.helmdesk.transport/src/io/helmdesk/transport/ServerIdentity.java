package io.helmdesk.transport;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.helmdesk.transport.internal.HostNames;
import io.helmdesk.transport.internal.IdentityFile;
import io.helmdesk.transport.internal.SelfSignedCertificate;

/**
 * The server's TLS identity: an EC P-256 key and a self-signed certificate (valid 10 years, common name and subject
 * alternative names from the given host names). It is created at first use and kept in a PKCS12 file readable by the
 * owner only (mode 0600), so that its fingerprint, which every agent pins, never changes across restarts. A file that
 * exists but cannot be read is an error, never silently replaced: a new identity would lock every agent out.
 *
 * <p>
 * Creating an identity needs Bouncy Castle ({@code bcpkix}); loading one does not.
 */
public final class ServerIdentity {

    private final X509Certificate certificate;
    private final SSLContext serverContext;
    private final String pin;

    private ServerIdentity(KeyStore store) throws IOException {
        try {
            this.certificate = (X509Certificate) store.getCertificate(IdentityFile.ALIAS);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, IdentityFile.password());
            this.serverContext = SSLContext.getInstance("TLS");
            this.serverContext.init(keys.getKeyManagers(), null, null);
        } catch (GeneralSecurityException e) {
            throw new IOException("The server identity cannot be used for TLS: " + e.getMessage(), e);
        }
        this.pin = PinnedTrust.pin(certificate);
    }

    /**
     * Loads the identity from {@code pkcs12File}, or creates it there when the file does not exist. The host names
     * matter only when it is created; an existing identity is kept as it is, whatever names are given now.
     *
     * @param hostNames the names and addresses agents reach the server by, e.g. {@code ["helmdesk.example.com",
     *            "localhost"]}; the first is the common name
     * @throws IOException when the file exists but is not a readable identity, or cannot be written
     */
    public static ServerIdentity loadOrCreate(Path pkcs12File, List<String> hostNames) throws IOException {
        Objects.requireNonNull(pkcs12File, "pkcs12File");
        List<String> names = HostNames.checked(hostNames);
        IdentityFile file = new IdentityFile(pkcs12File);
        if (file.exists()) {
            return new ServerIdentity(file.load());
        }
        KeyStore created = IdentityFile.keyStore(SelfSignedCertificate.create(names, Instant.now()));
        file.save(created);
        return new ServerIdentity(created);
    }

    /** A server context presenting this identity; one instance, shared by every connection. */
    public SSLContext serverContext() {
        return serverContext;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The fingerprint agents pin: {@link PinnedTrust#pin(X509Certificate)} of {@link #certificate()}. */
    public String pin() {
        return pin;
    }
}
