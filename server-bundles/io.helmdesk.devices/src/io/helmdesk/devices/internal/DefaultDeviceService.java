package io.helmdesk.devices.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Principal;
import io.helmdesk.devices.api.Device;
import io.helmdesk.devices.api.DeviceFilter;
import io.helmdesk.devices.api.DeviceService;
import io.helmdesk.devices.api.DeviceSettings;
import io.helmdesk.devices.api.DeviceStatus;
import io.helmdesk.devices.api.Preview;
import io.helmdesk.devices.api.SystemInfoSection;
import io.helmdesk.devices.api.UnknownDeviceException;
import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.DeviceRepository;

/** {@link DeviceService}: the stored devices with the registry's live state. */
@Component
public class DefaultDeviceService implements DeviceService {

    private final Logger logger = LoggerFactory.getLogger(DefaultDeviceService.class);
    private final ObjectMapper json = new ObjectMapper();
    private final DeviceRepository devices;
    private final DeviceRegistry registry;
    private final GeoIpDatabase places;

    @Activate
    public DefaultDeviceService(@Reference DeviceRepository devices, @Reference DeviceRegistry registry,
            @Reference GeoIpDatabase places) {
        this.devices = devices;
        this.registry = registry;
        this.places = places;
    }

    @Override
    public List<Device> list(Principal caller, DeviceFilter filter) {
        requireDevices(caller);
        List<DeviceRecord> records = caller.has(Permission.SERVER_ADMINISTRATION)
                ? devices.listAll()
                : devices.listForAccount(caller.accountId());
        Set<String> favourites = devices.favourites(caller.accountId());
        String text = filter.text() == null ? null : filter.text().strip().toLowerCase(Locale.ROOT);
        List<Device> shown = new ArrayList<>();
        for (DeviceRecord record : records) {
            Device device = view(record, favourites.contains(record.id()));
            if ((filter.status() == null || filter.status() == device.status())
                    && (filter.groupName() == null || filter.groupName().equals(device.groupName()))
                    && (text == null || text.isEmpty() || matches(device, text))) {
                shown.add(device);
            }
        }
        shown.sort(Comparator.comparing((Device d) -> !d.favourite())
                .thenComparing(d -> d.displayName().toLowerCase(Locale.ROOT)));
        return shown;
    }

    private static boolean matches(Device device, String text) {
        for (String field : new String[]{device.displayName(), device.hostName(), device.groupName(), device.osName(),
                device.publicAddress()}) {
            if (field != null && field.toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Device get(Principal caller, String deviceId) {
        DeviceRecord record = visible(caller, deviceId);
        return view(record, devices.favourites(caller.accountId()).contains(record.id()));
    }

    @Override
    public Device update(Principal caller, String deviceId, DeviceSettings settings) {
        DeviceRecord record = visible(caller, deviceId);
        String name = settings.displayName() == null ? record.displayName() : settings.displayName().strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("A device's name has 1 to 100 characters");
        }
        String group = settings.groupName() == null ? record.groupName() : settings.groupName().strip();
        if (group.length() > 100) {
            throw new IllegalArgumentException("A group's name has at most 100 characters");
        }
        DeviceRecord updated = record.withSettings(name, group,
                settings.previewsEnabled() == null ? record.previewsEnabled() : settings.previewsEnabled(),
                settings.operatorsMayConfigure() == null
                        ? record.operatorsMayConfigure()
                        : settings.operatorsMayConfigure(),
                settings.consentRequired() == null ? record.consentRequired() : settings.consentRequired());
        devices.update(updated);
        registry.sendSettings(updated);
        return get(caller, deviceId);
    }

    @Override
    public void remove(Principal caller, String deviceId) {
        visible(caller, deviceId);
        devices.delete(deviceId);
        registry.removed(deviceId);
        logger.info("Device {} removed by account {}", deviceId, caller.accountId());
    }

    @Override
    public Device favourite(Principal caller, String deviceId, boolean favourite) {
        visible(caller, deviceId);
        devices.favourite(caller.accountId(), deviceId, favourite);
        return get(caller, deviceId);
    }

    @Override
    public Optional<Preview> preview(Principal caller, String deviceId) {
        DeviceRecord record = visible(caller, deviceId);
        if (!record.previewsEnabled()) {
            return Optional.empty();
        }
        return registry.previewFile(deviceId).map(file -> {
            try {
                byte[] image = Files.readAllBytes(file);
                String type = file.toString().endsWith(".png") ? "image/png" : "image/jpeg";
                return new Preview(type, image, 0, 0, Files.getLastModifiedTime(file).toInstant());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    @Override
    public List<SystemInfoSection> systemInfo(Principal caller, String deviceId) {
        visible(caller, deviceId);
        Optional<String> stored = devices.systemInfo(deviceId);
        if (stored.isEmpty()) {
            return List.of();
        }
        try {
            List<SystemInfoSection> sections = new ArrayList<>();
            for (JsonNode section : json.readTree(stored.get())) {
                List<SystemInfoSection.Entry> entries = new ArrayList<>();
                for (JsonNode entry : section.path("entries")) {
                    entries.add(new SystemInfoSection.Entry(entry.path("key").asText(), entry.path("value").asText()));
                }
                sections.add(new SystemInfoSection(section.path("name").asText(), List.copyOf(entries)));
            }
            return List.copyOf(sections);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DeviceRecord visible(Principal caller, String deviceId) {
        requireDevices(caller);
        return devices.find(deviceId)
                .filter(d -> d.accountId().equals(caller.accountId())
                        || caller.has(Permission.SERVER_ADMINISTRATION))
                .orElseThrow(() -> new UnknownDeviceException(deviceId));
    }

    private static void requireDevices(Principal caller) {
        if (!caller.has(Permission.OWN_DEVICES)) {
            throw new SecurityException("This caller may not see devices");
        }
    }

    private Device view(DeviceRecord record, boolean favourite) {
        Optional<LiveDevice> live = registry.live(record.id());
        DeviceStatus status = live.map(l -> l.status).orElse(DeviceStatus.OFFLINE);
        long lastSeen = live.map(l -> l.lastSeenAt).orElse(record.lastSeenAt());
        String address = live.map(l -> l.address).orElse(record.lastAddress());
        Optional<Path> preview = record.previewsEnabled() ? registry.previewFile(record.id()) : Optional.empty();
        return new Device(record.id(), record.accountId(), record.displayName(), record.hostName(),
                record.groupName(), status, record.osName(), record.osVersion(), record.agentVersion(),
                Instant.ofEpochMilli(lastSeen), address, places.place(address),
                live.map(l -> l.loggedInUser).orElse(""),
                record.previewsEnabled(), record.operatorsMayConfigure(), record.consentRequired(), favourite,
                preview.isPresent(),
                Instant.ofEpochMilli(record.createdAt()));
    }
}
