package io.helmdesk.devices.api;

/** The device exists, but its agent is not connected (or disconnected before answering). */
public class DeviceOfflineException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DeviceOfflineException(String message) {
        super(message);
    }
}
