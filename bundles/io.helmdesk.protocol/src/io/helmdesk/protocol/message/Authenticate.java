package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.Objects;

import io.helmdesk.protocol.PayloadWriter;

/**
 * An agent's answer to a {@link Challenge}: its device id and a signature, made with the device's private key, over
 * {@link #signedData(byte[], String, String)}. The server verifies it with the public key it stored at enrollment.
 *
 * @param deviceId the device the agent claims to be
 * @param signature the signature: Ed25519 for an Ed25519 key, SHA256withECDSA for an EC key, SHA256withRSA for RSA
 */
public record Authenticate(String deviceId, byte[] signature) implements Message {

    /** Starts the signed data, so that a signature made here means nothing anywhere else. */
    public static final String SIGNATURE_CONTEXT = "helmdesk-auth-v1";

    public Authenticate {
        Checks.nonEmpty("deviceId", deviceId, Limits.NAME_BYTES);
        Checks.bytes("signature", signature, 1, Limits.SIGNATURE_BYTES);
    }

    /**
     * The bytes an agent signs: the context {@value #SIGNATURE_CONTEXT}, the nonce, the device id and the connection id
     * of the welcome, each written as a payload field (32-bit length, then the bytes). The connection id binds the
     * signature to this connection, the device id to this device.
     */
    public static byte[] signedData(byte[] nonce, String deviceId, String connectionId) {
        Objects.requireNonNull(nonce, "nonce");
        PayloadWriter data = new PayloadWriter();
        data.writeString("context", SIGNATURE_CONTEXT, Limits.NAME_BYTES);
        data.writeBytes("nonce", nonce, Limits.NONCE_MAX_BYTES);
        data.writeString("deviceId", deviceId, Limits.NAME_BYTES);
        data.writeString("connectionId", connectionId, Limits.NAME_BYTES);
        return data.toByteArray();
    }

    @Override
    public MessageType type() {
        return MessageType.AUTHENTICATE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Authenticate that && deviceId.equals(that.deviceId)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return deviceId.hashCode() * 31 + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "Authenticate[deviceId=" + deviceId + ", signature=" + Checks.describe(signature) + "]";
    }
}
