package io.helmdesk.protocol.message;

import java.util.Arrays;
import java.util.Objects;

/**
 * The first message of every connection, from the side that connected. Its layout is the same in every protocol
 * version, because it is read before a version is agreed.
 *
 * @param minVersion the oldest protocol version the sender speaks, 1 to 65535
 * @param maxVersion the newest, at least {@code minVersion}
 * @param role agent or console
 * @param deviceId the agent's device id; empty for an agent that has not enrolled yet, and for a console
 * @param publicKey the agent's public key (X.509 SubjectPublicKeyInfo, DER); required for an agent, empty for a
 *            console
 * @param softwareVersion the sender's own version, e.g. {@code 0.1.0}
 * @param osName the operating system, e.g. {@code Linux}
 * @param osVersion its version, e.g. {@code 6.8.0}
 */
public record Hello(int minVersion, int maxVersion, Role role, String deviceId, byte[] publicKey,
        String softwareVersion, String osName, String osVersion) implements Message {

    public Hello {
        Checks.range("minVersion", minVersion, 1, 0xFFFF);
        Checks.range("maxVersion", maxVersion, minVersion, 0xFFFF);
        Objects.requireNonNull(role, "role");
        Checks.text("deviceId", deviceId, Limits.NAME_BYTES);
        Checks.bytes("publicKey", publicKey, 0, Limits.PUBLIC_KEY_BYTES);
        Checks.text("softwareVersion", softwareVersion, Limits.NAME_BYTES);
        Checks.text("osName", osName, Limits.NAME_BYTES);
        Checks.text("osVersion", osVersion, Limits.NAME_BYTES);
        if (role == Role.AGENT && publicKey.length == 0) {
            throw new IllegalArgumentException("an agent's hello carries its public key");
        }
        if (role == Role.CONSOLE && (!deviceId.isEmpty() || publicKey.length > 0)) {
            throw new IllegalArgumentException("a console's hello carries no device id and no public key");
        }
    }

    /** An agent's hello offering every version this code speaks; {@code deviceId} is empty before enrollment. */
    public static Hello agent(String deviceId, byte[] publicKey, String softwareVersion, String osName,
            String osVersion) {
        return new Hello(ProtocolVersion.OLDEST_SUPPORTED, ProtocolVersion.CURRENT, Role.AGENT, deviceId, publicKey,
                softwareVersion, osName, osVersion);
    }

    /** A console's hello offering every version this code speaks. */
    public static Hello console(String softwareVersion, String osName, String osVersion) {
        return new Hello(ProtocolVersion.OLDEST_SUPPORTED, ProtocolVersion.CURRENT, Role.CONSOLE, "", new byte[0],
                softwareVersion, osName, osVersion);
    }

    /** Whether the sender already has a device id (an agent reconnecting, not enrolling). */
    public boolean enrolled() {
        return !deviceId.isEmpty();
    }

    @Override
    public MessageType type() {
        return MessageType.HELLO;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Hello that && minVersion == that.minVersion && maxVersion == that.maxVersion
                && role == that.role && deviceId.equals(that.deviceId) && Arrays.equals(publicKey, that.publicKey)
                && softwareVersion.equals(that.softwareVersion) && osName.equals(that.osName)
                && osVersion.equals(that.osVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(minVersion, maxVersion, role, deviceId, Arrays.hashCode(publicKey), softwareVersion,
                osName, osVersion);
    }

    @Override
    public String toString() {
        return "Hello[versions=" + minVersion + ".." + maxVersion + ", role=" + role + ", deviceId=" + deviceId
                + ", publicKey=" + Checks.describe(publicKey) + ", softwareVersion=" + softwareVersion + ", os="
                + osName + " " + osVersion + "]";
    }
}
