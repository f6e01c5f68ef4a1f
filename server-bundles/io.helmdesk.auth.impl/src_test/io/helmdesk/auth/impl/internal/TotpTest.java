package io.helmdesk.auth.impl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every test vector of RFC 4226 (appendix D) and RFC 6238 (appendix B). */
class TotpTest {

    private static final byte[] SHA1_KEY = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA256_KEY = "12345678901234567890123456789012".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHA512_KEY = "1234567890123456789012345678901234567890123456789012345678901234"
            .getBytes(StandardCharsets.US_ASCII);

    @ParameterizedTest
    @CsvSource({"0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314", "5, 254676", "6, 287922",
            "7, 162583", "8, 399871", "9, 520489"})
    void rfc4226(long counter, String expected) {
        assertEquals(expected, Totp.hotp(SHA1_KEY, counter, 6, Totp.Algorithm.SHA1));
    }

    @ParameterizedTest(name = "{0} s, {2}")
    @CsvSource({"59, 0000000000000001, SHA1, 94287082", "59, 0000000000000001, SHA256, 46119246",
            "59, 0000000000000001, SHA512, 90693936", "1111111109, 00000000023523EC, SHA1, 07081804",
            "1111111109, 00000000023523EC, SHA256, 68084774", "1111111109, 00000000023523EC, SHA512, 25091201",
            "1111111111, 00000000023523ED, SHA1, 14050471", "1111111111, 00000000023523ED, SHA256, 67062674",
            "1111111111, 00000000023523ED, SHA512, 99943326", "1234567890, 000000000273EF07, SHA1, 89005924",
            "1234567890, 000000000273EF07, SHA256, 91819424", "1234567890, 000000000273EF07, SHA512, 93441116",
            "2000000000, 0000000003F940AA, SHA1, 69279037", "2000000000, 0000000003F940AA, SHA256, 90698825",
            "2000000000, 0000000003F940AA, SHA512, 38618901", "20000000000, 0000000027BC86AA, SHA1, 65353130",
            "20000000000, 0000000027BC86AA, SHA256, 77737706", "20000000000, 0000000027BC86AA, SHA512, 47863826"})
    void rfc6238(long seconds, String stepHex, Totp.Algorithm algorithm, String expected) {
        assertEquals(Long.parseUnsignedLong(stepHex, 16), Totp.step(seconds));
        byte[] key = switch (algorithm) {
            case SHA1 -> SHA1_KEY;
            case SHA256 -> SHA256_KEY;
            case SHA512 -> SHA512_KEY;
        };
        assertEquals(expected, Totp.totp(key, seconds, 8, algorithm));
    }

    @Test
    void acceptsOneStepOfDriftAndNoMore() {
        long now = 1_700_000_000L;
        String current = Totp.totp(SHA1_KEY, now, 6, Totp.Algorithm.SHA1);
        assertEquals(Totp.step(now), Totp.matchingStep(SHA1_KEY, current, now));
        assertEquals(Totp.step(now), Totp.matchingStep(SHA1_KEY, current, now + 30));
        assertEquals(-1, Totp.matchingStep(SHA1_KEY, current, now + 90));
        assertEquals(-1, Totp.matchingStep(SHA1_KEY, "12345", now));
        assertEquals(-1, Totp.matchingStep(SHA1_KEY, "abcdef", now));
    }

    @Test
    void base32RoundTripsAndReadsWhatAppsShow() {
        assertEquals("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Base32.encode(SHA1_KEY));
        assertArrayEquals(SHA1_KEY, Base32.decode("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        assertEquals("MZXW6YQ", Base32.encode("foob".getBytes(StandardCharsets.US_ASCII))); // RFC 4648 without padding
    }

    @Test
    void otpauthUriNamesIssuerAndAccount() {
        String uri = Totp.otpauthUri("Helmdesk", "ada@example.org", SHA1_KEY);
        assertTrue(uri.startsWith("otpauth://totp/Helmdesk:ada%40example.org?secret=GEZDGNBVGY3TQOJQ"), uri);
        assertTrue(uri.contains("&issuer=Helmdesk&algorithm=SHA1&digits=6&period=30"), uri);
    }
}
