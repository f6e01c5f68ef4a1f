package io.helmdesk.auth.impl.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {

    private final PasswordHasher hasher = new PasswordHasher(new SecureRandom());

    @Test
    void storesTheParametersWithTheHashAndVerifies() {
        String hash = hasher.hash("correct horse 42");
        assertTrue(hash.startsWith("pbkdf2-sha256$600000$"), hash);
        assertTrue(hasher.matches("correct horse 42", hash));
        assertFalse(hasher.matches("correct horse 43", hash));
        assertFalse(hasher.matches("", hash));
    }

    @Test
    void saltsEveryHash() {
        assertNotEquals(hasher.hash("same password 1"), hasher.hash("same password 1"));
    }

    @Test
    void weakerHashesAreMarkedForRehashAndStillVerify() {
        String old = new PasswordHasher(new SecureRandom(), 1000).hash("legacy 123");
        assertTrue(hasher.matches("legacy 123", old));
        assertTrue(hasher.needsRehash(old));
        assertFalse(hasher.needsRehash(hasher.hash("legacy 123")));
    }

    @Test
    void malformedHashesNeverMatch() {
        assertFalse(hasher.matches("x", null));
        assertFalse(hasher.matches("x", "plain-text-password"));
        assertFalse(hasher.matches("x", "pbkdf2-sha256$abc$!!!$???"));
        assertFalse(hasher.matches("x", "md5$1$2$3"));
    }
}
