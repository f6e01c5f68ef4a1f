package io.helmdesk.devices.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.auth.api.Principal;

/**
 * The devices a caller may see and manage: the caller's own, and every device for an administrator. A device the
 * caller may not see is reported as unknown, never as forbidden.
 */
@ProviderType
public interface DeviceService {

    /** Favourites first, then by display name. */
    List<Device> list(Principal caller, DeviceFilter filter);

    /** @throws UnknownDeviceException if there is no such device for this caller */
    Device get(Principal caller, String deviceId);

    /**
     * Changes the device card's settings; a connected agent is told at once.
     *
     * @throws UnknownDeviceException if there is no such device for this caller
     * @throws IllegalArgumentException if a value is not acceptable, with the reason
     */
    Device update(Principal caller, String deviceId, DeviceSettings settings);

    /**
     * Removes the device: a connected agent is told to stop and forget its enrollment.
     *
     * @throws UnknownDeviceException if there is no such device for this caller
     */
    void remove(Principal caller, String deviceId);

    /** @throws UnknownDeviceException if there is no such device for this caller */
    Device favourite(Principal caller, String deviceId, boolean favourite);

    /** @throws UnknownDeviceException if there is no such device for this caller */
    Optional<Preview> preview(Principal caller, String deviceId);

    /** @throws UnknownDeviceException if there is no such device for this caller */
    List<SystemInfoSection> systemInfo(Principal caller, String deviceId);
}
