package io.helmdesk.auth.impl.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer secrets: 256 random bits, base64url, with a prefix that says what they are (so that a leaked one is
 * recognisable by secret scanners). Only their SHA-256 is stored: with this much entropy a salt adds nothing.
 */
final class Tokens {

    static final String SESSION_PREFIX = "hds_";
    static final String API_KEY_PREFIX = "hdk_";
    static final String SETUP_PREFIX = "hdsetup_";
    static final String RECOVERY_PREFIX = "hdrec_";
    static final String CHALLENGE_PREFIX = "hd2fa_";

    private static final int RANDOM_BYTES = 32;

    private final SecureRandom random;

    Tokens(SecureRandom random) {
        this.random = random;
    }

    String newToken(String prefix) {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Compares two hashes in constant time. */
    static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }
}
