package io.helmdesk.transport.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

class TlsEnginesTest {

    @Test
    void aes128ComesBeforeAes256OfTheSameKindAndNothingElseMoves() {
        String[] jdkOrder = {"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"};
        assertEquals(List.of("TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"), List.of(TlsEngines.aes128First(jdkOrder)));
    }

    @Test
    void theJdksOwnSuitesKeepEverySuite() throws Exception {
        String[] suites = SSLContext.getDefault().createSSLEngine().getEnabledCipherSuites();
        String[] ordered = TlsEngines.aes128First(suites);
        assertEquals(List.of(suites).stream().sorted().toList(), List.of(ordered).stream().sorted().toList());
        assertEquals("TLS_AES_128_GCM_SHA256", ordered[0]);
    }
}
