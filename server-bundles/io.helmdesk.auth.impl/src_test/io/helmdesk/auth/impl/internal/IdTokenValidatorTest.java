package io.helmdesk.auth.impl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Date;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

import io.helmdesk.auth.api.AuthenticationException;

/** The ID-token checks of OpenID Connect Core 3.1.3.7, each broken on purpose. */
class IdTokenValidatorTest {

    private static final String ISSUER = "https://idp.example.org";
    private static final String CLIENT = "helmdesk";
    private static final String NONCE = "n-0S6_WzA2Mj";
    private static RSAKey key;
    private static RSAKey otherKey;
    private static IdTokenValidator validator;

    @BeforeAll
    static void keys() throws Exception {
        key = rsa("k1");
        otherKey = rsa("k1"); // same key id, different key: a forger's
        validator = new IdTokenValidator(new ImmutableJWKSet<SecurityContext>(new JWKSet(key.toPublicJWK())),
                ISSUER, CLIENT);
    }

    @Test
    void acceptsAGoodToken() throws Exception {
        JWTClaimsSet claims = validator.validate(signed(key, claims().build()), NONCE);
        assertEquals("248289761001", claims.getSubject());
        assertEquals("jane@example.org", claims.getStringClaim("email"));
    }

    @Test
    void refusesAnotherNonce() throws Exception {
        refused(signed(key, claims().build()), "another-nonce");
    }

    @Test
    void refusesAnotherAudienceOrIssuer() throws Exception {
        refused(signed(key, claims().audience("someone-else").build()), NONCE);
        refused(signed(key, claims().issuer("https://evil.example.org").build()), NONCE);
        // Several audiences: we must be the authorized party.
        refused(signed(key, claims().audience(List.of(CLIENT, "other")).build()), NONCE);
        validator.validate(signed(key, claims().audience(List.of(CLIENT, "other")).claim("azp", CLIENT).build()),
                NONCE);
    }

    @Test
    void refusesExpiredTokensAndMissingSubjects() throws Exception {
        refused(signed(key, claims().expirationTime(new Date(System.currentTimeMillis() - 3_600_000)).build()),
                NONCE);
        refused(signed(key, claims().subject(null).build()), NONCE);
    }

    @Test
    void refusesUnsignedHmacAndForgedTokens() throws Exception {
        refused(new PlainJWT(claims().build()).serialize(), NONCE);
        SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims().build());
        hmac.sign(new MACSigner(new byte[32]));
        refused(hmac.serialize(), NONCE);
        refused(signed(otherKey, claims().build()), NONCE);
        refused("not.a.token", NONCE);
    }

    @Test
    void pkceChallengeMatchesRfc7636AppendixB() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                OidcSignIn.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    private static void refused(String token, String nonce) {
        AuthenticationException e = assertThrows(AuthenticationException.class,
                () -> validator.validate(token, nonce));
        assertTrue(e.getMessage().contains("ID token"), e.getMessage());
    }

    private static JWTClaimsSet.Builder claims() {
        long now = System.currentTimeMillis();
        return new JWTClaimsSet.Builder().issuer(ISSUER).subject("248289761001").audience(CLIENT)
                .issueTime(new Date(now)).expirationTime(new Date(now + 600_000)).claim("nonce", NONCE)
                .claim("email", "jane@example.org").claim("email_verified", true);
    }

    private static String signed(RSAKey signer, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signer.getKeyID()).build(),
                claims);
        jwt.sign(new RSASSASigner(signer));
        return jwt.serialize();
    }

    private static RSAKey rsa(String id) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        return new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(id).build();
    }
}
