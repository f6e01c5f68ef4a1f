package io.helmdesk.transport.internal;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts exactly one server certificate (or, for end-to-end TLS, one peer certificate on either side), by its SHA-256
 * fingerprint. An {@link X509ExtendedTrustManager}, so that the
 * Java runtime leaves all checks to it and adds no host name check of its own. Validity dates are not checked either:
 * the certificate is the server's long-lived identity, and the handshake proves the server holds its key.
 */
public final class PinnedTrustManager extends X509ExtendedTrustManager {

    private final String pin;
    private final byte[] pinBytes;
    private final boolean clients;
    private final String peer;

    /** Checks servers only. @param pin a fingerprint in the form {@link Fingerprints#normalize(String)} returns */
    public PinnedTrustManager(String pin) {
        this(pin, false, "server");
    }

    /**
     * @param clients whether the pinned certificate is also accepted from a client (both ends of an end-to-end TLS
     *            connection pin each other)
     * @param peer what the peer is, for the messages: "server", "other end of the session"
     */
    public PinnedTrustManager(String pin, boolean clients, String peer) {
        this.pin = Fingerprints.normalize(pin);
        this.pinBytes = HexFormat.of().parseHex(this.pin);
        this.clients = clients;
        this.peer = peer;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkClient(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        checkClient(chain);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        checkClient(chain);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void checkClient(X509Certificate[] chain) throws CertificateException {
        if (!clients) {
            throw new CertificateException("This trust manager checks servers only");
        }
        check(chain);
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The " + peer + " presented no certificate; expected the one pinned as "
                    + pin);
        }
        byte[] actual = digest(chain[0]);
        if (!MessageDigest.isEqual(actual, pinBytes)) {
            throw new CertificateException("The " + peer + "'s certificate has the SHA-256 fingerprint "
                    + HexFormat.of().formatHex(actual) + ", not the pinned " + pin
                    + (clients ? "" : ": another server, or this server's identity was recreated"));
        }
    }

    private static byte[] digest(X509Certificate certificate) throws CertificateException {
        try {
            return HexFormat.of().parseHex(Fingerprints.sha256(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new CertificateException("The certificate cannot be encoded: " + e.getMessage(), e);
        }
    }
}
