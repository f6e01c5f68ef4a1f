package io.helmdesk.auth.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TokensTest {

    private final Tokens tokens = new Tokens(new SecureRandom());

    @Test
    void carry256RandomBitsBehindAPrefix() {
        String token = tokens.newToken(Tokens.SESSION_PREFIX);
        assertTrue(token.startsWith("hds_"));
        assertEquals(32, Base64.getUrlDecoder().decode(token.substring(4)).length);
    }

    @Test
    void neverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(seen.add(tokens.newToken(Tokens.API_KEY_PREFIX)));
        }
    }

    @Test
    void hashIsSha256Hex() {
        // SHA-256("abc") from FIPS 180-2.
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Tokens.hash("abc"));
        assertTrue(Tokens.sameHash(Tokens.hash("x"), Tokens.hash("x")));
    }
}
