package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * An agent without a device id asks to become a device, showing a token that allows it.
 *
 * @param tokenKind what the token is
 * @param token the token itself; a secret, never in {@link #toString()}
 * @param publicKey the agent's public key (X.509 SubjectPublicKeyInfo, DER), the same as in its hello
 * @param deviceName the name the device gets, e.g. the host name
 * @param osName the operating system
 * @param osVersion its version
 */
public record Enroll(TokenKind tokenKind, String token, byte[] publicKey, String deviceName, String osName,
        String osVersion) implements Message {

    /** How the agent may enroll. */
    public enum TokenKind {

        /** A token an administrator created for enrolling devices (e.g. baked into a downloaded agent). */
        ENROLLMENT_TOKEN(1),
        /** The session token of an account that signed in on the reached computer. */
        ACCOUNT_SESSION(2);

        private final int code;

        TokenKind(int code) {
            this.code = code;
        }

        /** The value on the wire, an unsigned byte. */
        public int code() {
            return code;
        }
    }

    public Enroll {
        Objects.requireNonNull(tokenKind, "tokenKind");
        Checks.nonEmpty("token", token, Limits.TOKEN_BYTES);
        Checks.bytes("publicKey", publicKey, 1, Limits.PUBLIC_KEY_BYTES);
        Checks.nonEmpty("deviceName", deviceName, Limits.NAME_BYTES);
        Checks.text("osName", osName, Limits.NAME_BYTES);
        Checks.text("osVersion", osVersion, Limits.NAME_BYTES);
    }

    @Override
    public MessageType type() {
        return MessageType.ENROLL;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Enroll that && tokenKind == that.tokenKind && token.equals(that.token)
                && Arrays.equals(publicKey, that.publicKey) && deviceName.equals(that.deviceName)
                && osName.equals(that.osName) && osVersion.equals(that.osVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tokenKind, token, Arrays.hashCode(publicKey), deviceName, osName, osVersion);
    }

    @Override
    public String toString() {
        return "Enroll[tokenKind=" + tokenKind + ", token=(hidden), publicKey=" + Checks.describe(publicKey)
                + ", deviceName=" + deviceName + ", os=" + osName + " " + osVersion + "]";
    }
}
