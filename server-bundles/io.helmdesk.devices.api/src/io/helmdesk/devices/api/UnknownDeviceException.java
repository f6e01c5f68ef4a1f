package io.helmdesk.devices.api;

/** No such device, or not one the caller may see: HTTP 404. */
public class UnknownDeviceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public UnknownDeviceException(String deviceId) {
        super("There is no device " + deviceId);
    }
}
