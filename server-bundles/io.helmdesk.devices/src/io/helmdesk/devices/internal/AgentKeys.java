package io.helmdesk.devices.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * The agents' public keys: parsed from X.509 SubjectPublicKeyInfo, accepted when strong enough (Ed25519, EC, RSA of
 * 2048 bits or more), and used to verify the challenge signatures.
 */
final class AgentKeys {

    private AgentKeys() {
    }

    /** @throws IllegalArgumentException if the bytes are no public key this server accepts */
    static PublicKey parse(byte[] encoded) {
        for (String algorithm : new String[]{"Ed25519", "EC", "RSA"}) {
            try {
                PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(encoded));
                if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < 2048) {
                    throw new IllegalArgumentException("RSA keys of fewer than 2048 bits are refused");
                }
                return key;
            } catch (GeneralSecurityException | ClassCastException e) {
                // not this algorithm: try the next
            }
        }
        throw new IllegalArgumentException("The public key is not an Ed25519, EC or RSA key");
    }

    static boolean verify(PublicKey key, byte[] data, byte[] signature) {
        String algorithm = key instanceof ECPublicKey
                ? "SHA256withECDSA"
                : key instanceof RSAPublicKey ? "SHA256withRSA" : "Ed25519";
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** SHA-256 of the key's DER bytes, lower-case hex: how the server finds a device by its key. */
    static String fingerprint(byte[] encoded) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoded));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static String tokenHash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
