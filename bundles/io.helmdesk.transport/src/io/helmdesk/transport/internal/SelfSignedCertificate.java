package io.helmdesk.transport.internal;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A new server identity: an EC P-256 key pair (from the Java runtime) and a self-signed certificate for it (built with
 * Bouncy Castle, see {@link CertificateBuilder}). Bouncy Castle is touched only here, so that a runtime without it
 * (the agent) can still load the transport and existing identities.
 *
 * @param privateKey the key, never leaves the server
 * @param certificate the self-signed certificate agents pin
 */
public record SelfSignedCertificate(PrivateKey privateKey, X509Certificate certificate) {

    /** How long the certificate is valid. */
    public static final int VALID_YEARS = 10;

    public SelfSignedCertificate {
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * @param hostNames checked names ({@link HostNames#checked(List)}); the first is the common name
     * @throws IOException when no key can be made, or Bouncy Castle is missing
     */
    public static SelfSignedCertificate create(List<String> hostNames, Instant now) throws IOException {
        KeyPair keys;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IOException("This Java runtime cannot make EC P-256 keys: " + e.getMessage(), e);
        }
        try {
            return new SelfSignedCertificate(keys.getPrivate(),
                    CertificateBuilder.selfSigned(keys, hostNames, now, VALID_YEARS));
        } catch (NoClassDefFoundError e) {
            throw new IOException("Creating a server identity needs Bouncy Castle (bcprov, bcutil and bcpkix 1.80 or"
                    + " newer), which is not installed: " + e.getMessage(), e);
        }
    }
}
