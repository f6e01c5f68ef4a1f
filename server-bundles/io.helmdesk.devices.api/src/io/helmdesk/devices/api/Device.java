package io.helmdesk.devices.api;

import java.time.Instant;

/**
 * A device as a caller sees it: stored settings with the live state.
 *
 * @param accountId the account the device joined
 * @param lastSeenAt when the agent was last connected (now, while online)
 * @param publicAddress the address the agent connects from, as the server sees it
 * @param location "City, Country" from the server's GeoIP file; empty without one
 * @param loggedInUser the user at the computer, as the agent last said; empty if unknown or nobody
 * @param consentRequired whether the user at the computer must allow each remote session (SES-2)
 * @param favourite whether the caller marked it as a favourite
 * @param hasPreview whether a screenshot preview is available
 */
public record Device(String id, String accountId, String displayName, String hostName, String groupName,
        DeviceStatus status, String osName, String osVersion, String agentVersion, Instant lastSeenAt,
        String publicAddress, String location, String loggedInUser, boolean previewsEnabled,
        boolean operatorsMayConfigure, boolean consentRequired, boolean favourite, boolean hasPreview,
        Instant createdAt) {
}
