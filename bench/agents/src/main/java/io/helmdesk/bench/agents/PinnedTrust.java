package io.helmdesk.bench.agents;

import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts exactly one server certificate, by its SHA-256 fingerprint, as agents do: no CA, no host name check. An
 * {@link X509ExtendedTrustManager}, so the Java runtime adds no checks of its own.
 */
final class PinnedTrust extends X509ExtendedTrustManager {

    private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    private final byte[] pin;
    private final SecureRandom random = new SecureRandom();

    PinnedTrust(String pin) {
        String canonical = pin.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (!canonical.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("Not a SHA-256 fingerprint: " + pin);
        }
        this.pin = HexFormat.of().parseHex(canonical);
    }

    /**
     * A TLS context of its own, as each real agent process has: no simulated agent resumes another one's TLS session,
     * so every connection costs the server a full handshake.
     */
    SSLContext newContext() throws java.security.GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[]{this}, random);
        return context;
    }

    /** The protocols the transport allows (TLS 1.3 and 1.2), as far as this runtime supports them. */
    static String[] protocols(String[] supported) {
        List<String> available = Arrays.asList(supported);
        return PROTOCOLS.stream().filter(available::contains).toArray(String[]::new);
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
        throw new CertificateException("Checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("Checks servers only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("Checks servers only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    private void check(X509Certificate[] chain) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("The server presented no certificate");
        }
        byte[] actual;
        try {
            actual = MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded());
        } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
            throw new CertificateException("Cannot fingerprint the server's certificate: " + e.getMessage(), e);
        }
        if (!MessageDigest.isEqual(actual, pin)) {
            throw new CertificateException("The server's certificate has the SHA-256 fingerprint "
                    + HexFormat.of().formatHex(actual) + ", not the pinned " + HexFormat.of().formatHex(pin));
        }
    }
}
