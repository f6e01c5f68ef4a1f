package io.helmdesk.auth.impl.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a password must be (ACC-6): 6 to 128 characters with letters and digits, and none of the most common
 * passwords, whatever its case.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 6;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    /** The policy with the list of common passwords shipped in this bundle. */
    static PasswordPolicy withCommonPasswords() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the bundle");
            }
            Set<String> common = new HashSet<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    common.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return new PasswordPolicy(Set.copyOf(common));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @throws IllegalArgumentException with a sentence saying what to change
     */
    void check(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("The password must have at least " + MIN_LENGTH + " characters");
        }
        if (password.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("The password must have at most " + MAX_LENGTH + " characters");
        }
        if (password.chars().noneMatch(Character::isLetter) || password.chars().noneMatch(Character::isDigit)) {
            throw new IllegalArgumentException("The password must have both letters and digits");
        }
        if (common.contains(password.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("This password is one of the most common ones: choose another");
        }
    }
}
