package io.helmdesk.transport;

import java.security.GeneralSecurityException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import io.helmdesk.transport.internal.Fingerprints;
import io.helmdesk.transport.internal.PinnedTrustManager;

/**
 * TLS trust for agents: exactly one server certificate is accepted, the one whose SHA-256 fingerprint (of the
 * DER-encoded certificate, lower-case hex) was pinned at enrollment or baked into the downloaded agent. No certificate
 * authority is consulted and host names are not checked: the server's certificate is self-signed, the agent may reach
 * it under any name or address, and the pin is stronger than both. A mismatch fails the handshake with a message that
 * names the expected and the actual fingerprint.
 */
public final class PinnedTrust {

    private PinnedTrust() {
    }

    /**
     * A client context that trusts only the pinned certificate and presents no certificate of its own.
     *
     * @param sha256Pin 64 hex digits as {@link #pin(X509Certificate)} writes them (upper case and colons are
     *            tolerated)
     * @throws IllegalArgumentException when the pin is not a SHA-256 fingerprint
     */
    public static SSLContext clientContext(String sha256Pin) {
        String pin = Fingerprints.normalize(sha256Pin);
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[]{new PinnedTrustManager(pin)}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java runtime offers no TLS", e);
        }
    }

    /**
     * A pin as {@link #pin(X509Certificate)} writes it, from one with upper case or colons.
     *
     * @throws IllegalArgumentException when it is not a SHA-256 fingerprint
     */
    public static String normalize(String sha256Pin) {
        return Fingerprints.normalize(sha256Pin);
    }

    /** The pin of a certificate: SHA-256 of its DER encoding, 64 lower-case hex digits. */
    public static String pin(X509Certificate certificate) {
        try {
            return Fingerprints.sha256(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("The certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
