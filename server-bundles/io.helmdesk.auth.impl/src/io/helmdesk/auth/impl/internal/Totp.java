package io.helmdesk.auth.impl.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One-time passwords: HOTP (RFC 4226) and TOTP (RFC 6238) as authenticator apps compute them, with 64-bit time
 * steps. Helmdesk enrolls SHA-1, 6 digits, 30 s (what every app supports); the other algorithms serve the RFC's
 * test vectors and imported seeds.
 */
final class Totp {

    static final int STEP_SECONDS = 30;
    static final int DIGITS = 6;
    private static final int[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    enum Algorithm {

        SHA1("HmacSHA1"), SHA256("HmacSHA256"), SHA512("HmacSHA512");

        final String mac;

        Algorithm(String mac) {
            this.mac = mac;
        }
    }

    private Totp() {
    }

    /** RFC 4226 section 5.3: dynamic truncation of HMAC(key, counter) to {@code digits} decimal digits. */
    static String hotp(byte[] key, long counter, int digits, Algorithm algorithm) {
        try {
            Mac mac = Mac.getInstance(algorithm.mac);
            mac.init(new SecretKeySpec(key, algorithm.mac));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(counter).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format(Locale.ROOT, "%0" + digits + "d", binary % POWERS[digits]);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm.mac + " is part of every JDK", e);
        }
    }

    /** The time step of a moment: floor(seconds / 30), a long (RFC 6238 requires steps beyond 2^31). */
    static long step(long epochSeconds) {
        return Math.floorDiv(epochSeconds, STEP_SECONDS);
    }

    static String totp(byte[] key, long epochSeconds, int digits, Algorithm algorithm) {
        return hotp(key, step(epochSeconds), digits, algorithm);
    }

    /**
     * Finds the time step a code belongs to, allowing one step of clock drift either way.
     *
     * @return the matching step, or -1 if the code matches none
     */
    static long matchingStep(byte[] key, String code, long epochSeconds) {
        if (code == null || !code.matches("\\d{" + DIGITS + "}")) {
            return -1;
        }
        long now = step(epochSeconds);
        long found = -1;
        for (long step = now - 1; step <= now + 1; step++) {
            // Compare every candidate in constant time and do not stop early: timing says nothing.
            if (MessageDigest.isEqual(hotp(key, step, DIGITS, Algorithm.SHA1).getBytes(), code.getBytes())) {
                found = step;
            }
        }
        return found;
    }

    /** The {@code otpauth://} URI that authenticator apps read from a QR code. */
    static String otpauthUri(String issuer, String account, byte[] key) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + Base32.encode(key) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP_SECONDS;
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
