package io.helmdesk.protocol.message;

import java.util.Arrays;

/**
 * The server asks an agent to prove it holds the private key of its device: the agent answers with
 * {@link Authenticate}.
 *
 * @param nonce fresh random bytes from a secure generator, 16 to 64 of them (32 recommended), never reused
 */
public record Challenge(byte[] nonce) implements Message {

    public Challenge {
        Checks.bytes("nonce", nonce, Limits.NONCE_MIN_BYTES, Limits.NONCE_MAX_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.CHALLENGE;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Challenge that && Arrays.equals(nonce, that.nonce);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(nonce);
    }

    @Override
    public String toString() {
        return "Challenge[nonce=" + Checks.describe(nonce) + "]";
    }
}
