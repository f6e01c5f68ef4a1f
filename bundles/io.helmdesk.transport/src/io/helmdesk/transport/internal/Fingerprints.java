package io.helmdesk.transport.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** SHA-256 fingerprints as lower-case hex, the form agents pin. */
public final class Fingerprints {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private Fingerprints() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /**
     * The pin in its canonical form: lower case, without the colons some tools print between bytes.
     *
     * @throws IllegalArgumentException when it is not 32 bytes of hex
     */
    public static String normalize(String pin) {
        Objects.requireNonNull(pin, "pin");
        String canonical = pin.strip().replace(":", "").toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(canonical).matches()) {
            throw new IllegalArgumentException(
                    "Not a SHA-256 fingerprint (64 hex digits): '" + Texts.shortened(pin, 100) + "'");
        }
        return canonical;
    }
}
