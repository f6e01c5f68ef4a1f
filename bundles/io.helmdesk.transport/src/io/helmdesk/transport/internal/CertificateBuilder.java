package io.helmdesk.transport.internal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the self-signed server certificate with Bouncy Castle's certificate builder. The Java runtime's own
 * providers sign and parse it (no Bouncy Castle provider is registered), and no {@code sun.*} class is used.
 */
final class CertificateBuilder {

    /** The certificate is valid from a day back, so that agents with a late clock accept it too. */
    private static final Duration CLOCK_MARGIN = Duration.ofDays(1);

    private CertificateBuilder() {
    }

    static X509Certificate selfSigned(KeyPair keys, List<String> hostNames, Instant now, int validYears)
            throws IOException {
        X500Principal subject = new X500Principal("CN=" + hostNames.get(0));
        Instant notBefore = now.minus(CLOCK_MARGIN);
        Instant notAfter = now.atOffset(ZoneOffset.UTC).plusYears(validYears).toInstant();
        BigInteger serial = new BigInteger(1, randomBytes(16)).setBit(127);
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial, Date.from(notBefore),
                    Date.from(notAfter), subject, keys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(hostNames));
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IOException("Cannot create the server certificate: " + e.getMessage(), e);
        }
    }

    private static GeneralNames alternativeNames(List<String> hostNames) {
        GeneralName[] names = new GeneralName[hostNames.size()];
        for (int i = 0; i < names.length; i++) {
            String name = hostNames.get(i);
            names[i] = new GeneralName(HostNames.isIpAddress(name) ? GeneralName.iPAddress : GeneralName.dNSName,
                    name);
        }
        return new GeneralNames(names);
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
