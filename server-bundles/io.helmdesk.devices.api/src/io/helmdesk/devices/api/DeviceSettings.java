package io.helmdesk.devices.api;

/**
 * What the device card changes (DEV-4, DEV-12); a null field stays as it is.
 *
 * @param displayName the name in lists and in the agent, 1 to 100 characters
 * @param groupName the group (office, department, floor…), up to 100 characters; empty for none
 * @param previewsEnabled whether the agent sends a screenshot preview once a minute
 * @param operatorsMayConfigure whether operators without admin rights may change the agent's settings or quit it
 * @param consentRequired whether the user at the computer must allow each remote session (SES-2)
 */
public record DeviceSettings(String displayName, String groupName, Boolean previewsEnabled,
        Boolean operatorsMayConfigure, Boolean consentRequired) {
}
