package io.helmdesk.store.api;

/**
 * A computer whose agent enrolled with an account.
 *
 * @param publicKey the agent's public key, X.509 SubjectPublicKeyInfo in base 64
 * @param keyFingerprint SHA-256 of the public key's DER bytes, lower-case hex: one device per key
 * @param displayName the name shown in lists and by the agent (DEV-12)
 * @param lastSeenAt when the agent was last connected (epoch millis)
 * @param lastAddress the public address it last connected from
 * @param previewsEnabled whether the agent sends a screenshot preview once a minute (DEV-3, DEV-4)
 * @param operatorsMayConfigure whether operators without admin rights may change the agent's settings or quit it
 * @param consentRequired whether the user at the computer must allow each remote session (SES-2)
 */
public record DeviceRecord(String id, String accountId, String publicKey, String keyFingerprint, String displayName,
        String hostName, String groupName, String osName, String osVersion, String agentVersion, long lastSeenAt,
        String lastAddress, boolean previewsEnabled, boolean operatorsMayConfigure, boolean consentRequired,
        long createdAt) {

    public DeviceRecord withSettings(String newDisplayName, String newGroupName, boolean newPreviewsEnabled,
            boolean newOperatorsMayConfigure, boolean newConsentRequired) {
        return new DeviceRecord(id, accountId, publicKey, keyFingerprint, newDisplayName, hostName, newGroupName,
                osName, osVersion, agentVersion, lastSeenAt, lastAddress, newPreviewsEnabled,
                newOperatorsMayConfigure, newConsentRequired, createdAt);
    }

    public DeviceRecord withConnection(String newOsName, String newOsVersion, String newAgentVersion,
            long newLastSeenAt, String newLastAddress) {
        return new DeviceRecord(id, accountId, publicKey, keyFingerprint, displayName, hostName, groupName, newOsName,
                newOsVersion, newAgentVersion, newLastSeenAt, newLastAddress, previewsEnabled, operatorsMayConfigure,
                consentRequired, createdAt);
    }
}
