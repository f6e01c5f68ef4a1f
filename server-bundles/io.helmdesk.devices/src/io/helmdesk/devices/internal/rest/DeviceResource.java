package io.helmdesk.devices.internal.rest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Principal;
import io.helmdesk.devices.api.Device;
import io.helmdesk.devices.api.DeviceFilter;
import io.helmdesk.devices.api.DeviceService;
import io.helmdesk.devices.api.DeviceSettings;
import io.helmdesk.devices.api.DeviceStatus;
import io.helmdesk.devices.api.Preview;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;
import io.helmdesk.rest.api.DeviceDTOs.DeviceSettingsUpdate;
import io.helmdesk.rest.api.DeviceDTOs.SystemInfoEntryDTO;
import io.helmdesk.rest.api.DeviceDTOs.SystemInfoSectionDTO;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/devices}: the caller's computers (DEV-3, DEV-4, DEV-5, DEV-7, DEV-12). */
@Component(service = DeviceResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("devices")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.OWN_DEVICES)
public class DeviceResource {

    private final DeviceService devices;

    @Activate
    public DeviceResource(@Reference DeviceService devices) {
        this.devices = devices;
    }

    @GET
    public List<DeviceDTO> list(@Context SecurityContext security, @QueryParam("status") String status,
            @QueryParam("group") String group, @QueryParam("q") String text) {
        DeviceStatus wanted = null;
        if (status != null && !status.isBlank()) {
            try {
                wanted = DeviceStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("status is one of ONLINE, IN_SESSION, SLEEPING, OFFLINE");
            }
        }
        return devices.list(caller(security), new DeviceFilter(wanted, group, text)).stream()
                .map(DeviceResource::toDTO).toList();
    }

    @GET
    @Path("{id}")
    public DeviceDTO get(@Context SecurityContext security, @PathParam("id") String id) {
        return toDTO(Calls.answer(() -> devices.get(caller(security), id)));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public DeviceDTO update(@Context SecurityContext security, @PathParam("id") String id,
            DeviceSettingsUpdate update) {
        Calls.required(update);
        return toDTO(Calls.answer(() -> devices.update(caller(security), id, new DeviceSettings(update.displayName(),
                update.groupName(), update.previewsEnabled(), update.operatorsMayConfigure(),
                update.consentRequired()))));
    }

    @DELETE
    @Path("{id}")
    public void remove(@Context SecurityContext security, @PathParam("id") String id) {
        Calls.answer(() -> devices.remove(caller(security), id));
    }

    @PUT
    @Path("{id}/favourite")
    public DeviceDTO favourite(@Context SecurityContext security, @PathParam("id") String id) {
        return toDTO(Calls.answer(() -> devices.favourite(caller(security), id, true)));
    }

    @DELETE
    @Path("{id}/favourite")
    public DeviceDTO unfavourite(@Context SecurityContext security, @PathParam("id") String id) {
        return toDTO(Calls.answer(() -> devices.favourite(caller(security), id, false)));
    }

    @GET
    @Path("{id}/preview")
    @Produces({"image/jpeg", "image/png", MediaType.APPLICATION_JSON})
    public Response preview(@Context SecurityContext security, @PathParam("id") String id) {
        Optional<Preview> preview = Calls.answer(() -> devices.preview(caller(security), id));
        if (preview.isEmpty()) {
            throw ApiException.notFound("This device has no preview (yet, or previews are off)");
        }
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(preview.get().image(), preview.get().mediaType()).cacheControl(noStore)
                .header("Last-Modified", java.util.Date.from(preview.get().takenAt())).build();
    }

    @GET
    @Path("{id}/system-info")
    public List<SystemInfoSectionDTO> systemInfo(@Context SecurityContext security, @PathParam("id") String id) {
        return Calls.answer(() -> devices.systemInfo(caller(security), id)).stream()
                .map(section -> new SystemInfoSectionDTO(section.name(), section.entries().stream()
                        .map(entry -> new SystemInfoEntryDTO(entry.key(), entry.value())).toList()))
                .toList();
    }

    private static Principal caller(SecurityContext security) {
        return CallerPrincipal.of(security).principal();
    }

    static DeviceDTO toDTO(Device device) {
        return new DeviceDTO(device.id(), device.accountId(), device.displayName(), device.hostName(),
                device.groupName(), device.status().name(), device.osName(), device.osVersion(),
                device.agentVersion(), device.lastSeenAt().toString(), device.publicAddress(), device.location(),
                device.loggedInUser(), device.previewsEnabled(), device.operatorsMayConfigure(),
                device.consentRequired(), device.favourite(), device.hasPreview(), device.createdAt().toString());
    }
}
