package io.helmdesk.auth.impl.internal;

import java.text.ParseException;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import io.helmdesk.auth.api.AuthenticationException;

/**
 * Checks an ID token as OpenID Connect Core 3.1.3.7 asks: a signature by one of the provider's published keys with
 * an asymmetric algorithm (never "none", never HMAC with a public key), our client id in the audience, the issuer,
 * unexpired (one minute of clock skew), a subject, and the nonce of this very sign-in.
 */
final class IdTokenValidator {

    /** Asymmetric algorithms only: the keys come from the provider's public JWK set. */
    static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    private final JWKSource<SecurityContext> keys;
    private final String issuer;
    private final String clientId;

    IdTokenValidator(JWKSource<SecurityContext> keys, String issuer, String clientId) {
        this.keys = keys;
        this.issuer = issuer;
        this.clientId = clientId;
    }

    /** @throws AuthenticationException with the reason the token is refused */
    JWTClaimsSet validate(String idToken, String expectedNonce) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(clientId,
                new JWTClaimsSet.Builder().issuer(issuer).claim("nonce", expectedNonce).build(),
                Set.of("sub", "iat", "exp")));
        try {
            JWTClaimsSet claims = processor.process(idToken, null);
            // With several audiences, the authorized party must be us (Core 3.1.3.7, items 4 and 5).
            if (claims.getAudience().size() > 1 && !clientId.equals(claims.getStringClaim("azp"))) {
                throw new AuthenticationException("The provider's ID token was issued to another party");
            }
            return claims;
        } catch (ParseException | BadJOSEException | JOSEException e) {
            throw new AuthenticationException("The provider's ID token was refused: " + e.getMessage());
        }
    }
}
