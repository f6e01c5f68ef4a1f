package io.helmdesk.protocol.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The challenge/response works with the JDK's Ed25519, and a signature is bound to its nonce, device and connection. */
class AuthenticateTest {

    @Test
    void signedDataIsTheDocumentedFields() {
        byte[] data = Authenticate.signedData(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"), "d1", "c9");
        assertEquals("00000010" + HexFormat.of().formatHex("helmdesk-auth-v1".getBytes()) + "00000010"
                + "00112233445566778899aabbccddeeff" + "00000002" + "6431" + "00000002" + "6339",
                HexFormat.of().formatHex(data));
    }

    @Test
    void anAgentProvesItsKey() throws GeneralSecurityException {
        KeyPair agentKeys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] publicKey = agentKeys.getPublic().getEncoded();
        Hello hello = (Hello) roundTrip(Hello.agent("device-1", publicKey, "0.1.0", "Linux", "6.8"));

        byte[] nonce = new byte[32];
        new SecureRandom().nextBytes(nonce);
        Challenge challenge = (Challenge) roundTrip(new Challenge(nonce));
        Welcome welcome = new Welcome(1, System.currentTimeMillis(), "conn-42");

        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(agentKeys.getPrivate());
        signer.update(Authenticate.signedData(challenge.nonce(), hello.deviceId(), welcome.connectionId()));
        Authenticate answer = (Authenticate) roundTrip(new Authenticate(hello.deviceId(), signer.sign()));

        PublicKey stored = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(hello.publicKey()));
        assertTrue(verify(stored, answer, nonce, "conn-42"));
        assertFalse(verify(stored, answer, nonce, "conn-43"), "bound to the connection");
        byte[] otherNonce = nonce.clone();
        otherNonce[0] ^= 1;
        assertFalse(verify(stored, answer, otherNonce, "conn-42"), "bound to the nonce");
        PublicKey stranger = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        assertFalse(verify(stranger, answer, nonce, "conn-42"), "only the device's key verifies");
    }

    private static boolean verify(PublicKey key, Authenticate answer, byte[] nonce, String connectionId)
            throws GeneralSecurityException {
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(key);
        verifier.update(Authenticate.signedData(nonce, answer.deviceId(), connectionId));
        return verifier.verify(answer.signature());
    }

    private static Message roundTrip(Message message) {
        return MessageCodec.decode(MessageCodec.encode(message));
    }
}
