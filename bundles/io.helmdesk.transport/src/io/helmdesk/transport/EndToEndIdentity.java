package io.helmdesk.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.helmdesk.transport.internal.PinnedTrustManager;
import io.helmdesk.transport.internal.SelfSignedCertificate;

/**
 * One end's TLS identity for the end-to-end TLS of one remote session: an EC P-256 key and a self-signed certificate
 * that the server makes for this session only and hands to that end with its ticket, together with the other end's
 * {@link #pin()}. The two ends then authenticate each other through the relay by these pins, and the relay, which
 * never sees a key, forwards bytes it cannot read.
 *
 * <p>
 * Creating an identity needs Bouncy Castle (the server has it); decoding and using one does not (agents and consoles).
 *
 * @param key the private key
 * @param certificate the self-signed certificate the other end pins
 */
public record EndToEndIdentity(PrivateKey key, X509Certificate certificate) {

    private static final String NAME = "helmdesk-session";
    private static final char[] STORE_PASSWORD = "session".toCharArray();

    public EndToEndIdentity {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificate, "certificate");
    }

    /**
     * A new key and certificate.
     *
     * @throws IOException when no key can be made, or Bouncy Castle is missing
     */
    public static EndToEndIdentity create() throws IOException {
        SelfSignedCertificate made = SelfSignedCertificate.create(List.of(NAME), Instant.now());
        return new EndToEndIdentity(made.privateKey(), made.certificate());
    }

    /**
     * Reads what {@link #encode()} wrote.
     *
     * @throws IllegalArgumentException when the text is not an encoded identity, saying what is wrong with it
     */
    public static EndToEndIdentity decode(String text) {
        Objects.requireNonNull(text, "text");
        int dot = text.indexOf('.');
        if (dot < 1 || dot == text.length() - 1 || text.indexOf('.', dot + 1) >= 0) {
            throw new IllegalArgumentException(
                    "A session identity is a certificate and a key in base64url, separated by one dot");
        }
        Base64.Decoder base64 = Base64.getUrlDecoder();
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(base64.decode(text.substring(0, dot))));
        } catch (CertificateException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("The session identity's certificate is not an X.509 certificate: "
                    + e.getMessage(), e);
        }
        PrivateKey key;
        try {
            key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(base64.decode(text.substring(dot + 1))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The session identity's key is not a PKCS#8 key of the certificate's"
                    + " kind: " + e.getMessage(), e);
        }
        return new EndToEndIdentity(key, certificate);
    }

    /** The certificate and the key, each in base64url without padding, joined by a dot: a secret. */
    public String encode() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        try {
            return base64.encodeToString(certificate.getEncoded()) + "." + base64.encodeToString(key.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("The certificate cannot be encoded", e);
        }
    }

    /** What the other end pins: {@link PinnedTrust#pin(X509Certificate)} of the certificate. */
    public String pin() {
        return PinnedTrust.pin(certificate);
    }

    /**
     * A TLS context that presents this identity and trusts exactly one certificate, the other end's, whichever side
     * of the handshake it is on.
     *
     * @param peerPin the other end's {@link #pin()}
     * @throws IllegalArgumentException when the pin is not a SHA-256 fingerprint
     */
    public SSLContext context(String peerPin) {
        TrustManager trust = new PinnedTrustManager(peerPin, true, "other end of the session");
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(NAME, key, STORE_PASSWORD, new Certificate[]{certificate});
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, STORE_PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), new TrustManager[]{trust}, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("This Java runtime cannot use the session identity for TLS: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "EndToEndIdentity[" + pin() + "]";
    }
}
