package io.helmdesk.devices.api;

/** Where a device stands now (DEV-3). */
public enum DeviceStatus {
    /** The agent is connected. */
    ONLINE,
    /** The agent is connected and a remote session runs. */
    IN_SESSION,
    /** The agent said the computer is going to sleep. */
    SLEEPING,
    /** No agent connection. */
    OFFLINE
}
