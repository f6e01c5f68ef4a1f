package io.helmdesk.devices.api;

/**
 * Which devices a list shows; a null field does not filter.
 *
 * @param status only devices in this status
 * @param groupName only devices of this group
 * @param text only devices whose name, host name, group, OS or address contains this (any case)
 */
public record DeviceFilter(DeviceStatus status, String groupName, String text) {

    public static DeviceFilter all() {
        return new DeviceFilter(null, null, null);
    }
}
