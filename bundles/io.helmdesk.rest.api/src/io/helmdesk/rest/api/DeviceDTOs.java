package io.helmdesk.rest.api;

import java.util.List;

/**
 * What {@code /api/v1/devices}, {@code /api/v1/enrollment-tokens}, {@code /api/v1/agent-downloads} and
 * {@code /api/v1/agent-gateway} carry.
 */
public final class DeviceDTOs {

    private DeviceDTOs() {
    }

    /**
     * A computer (DEV-3): its card and live state.
     *
     * @param status ONLINE, IN_SESSION, SLEEPING or OFFLINE
     * @param location "City, Country" from the server's GeoIP file; empty without one
     * @param consentRequired whether the user at the computer must allow each remote session (SES-2)
     */
    public record DeviceDTO(String id, String accountId, String displayName, String hostName, String groupName,
            String status, String osName, String osVersion, String agentVersion, String lastSeenAt,
            String publicAddress, String location, String loggedInUser, boolean previewsEnabled,
            boolean operatorsMayConfigure, boolean consentRequired, boolean favourite, boolean hasPreview,
            String createdAt) {
    }

    /** {@code PATCH /devices/{id}}: the device card's settings (DEV-4, DEV-12, SES-2); absent fields stay. */
    public record DeviceSettingsUpdate(String displayName, String groupName, Boolean previewsEnabled,
            Boolean operatorsMayConfigure, Boolean consentRequired) {
    }

    /** {@code GET /devices/{id}/system-info}: ordered sections of ordered key/value pairs (DEV-7). */
    public record SystemInfoSectionDTO(String name, List<SystemInfoEntryDTO> entries) {
    }

    public record SystemInfoEntryDTO(String key, String value) {
    }

    /** An enrollment token as listed (DEV-2); {@code usesLeft} -1 means no limit. */
    public record EnrollmentTokenDTO(String id, String name, String prefix, int usesLeft, int uses, String expiresAt,
            String revokedAt, String createdAt) {
    }

    /** {@code POST /enrollment-tokens}: {@code maxUses} 0 for no limit, {@code validDays} 0 for no expiry. */
    public record CreateEnrollmentTokenRequest(String name, int maxUses, int validDays) {
    }

    /** The new token and its secret, shown this once. */
    public record CreatedEnrollmentTokenDTO(EnrollmentTokenDTO token, String secret) {
    }

    /** {@code GET /agent-downloads}: an agent distribution this server hands out. */
    public record AgentDownloadDTO(String platform, String fileName, String mediaType) {
    }

    /** {@code GET /agent-gateway}: where agents connect, and the certificate fingerprint they pin. */
    public record AgentGatewayDTO(String host, int port, String pin) {
    }
}
