package io.helmdesk.devices.internal.rest;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.auth.api.Permission;
import io.helmdesk.devices.internal.AgentGateway;
import io.helmdesk.rest.api.DeviceDTOs.AgentGatewayDTO;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/agent-gateway}: where agents connect and the certificate fingerprint they pin. */
@Component(service = AgentGatewayResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("agent-gateway")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.OWN_DEVICES)
public class AgentGatewayResource {

    private final AgentGateway gateway;

    @Activate
    public AgentGatewayResource(@Reference AgentGateway gateway) {
        this.gateway = gateway;
    }

    @GET
    public AgentGatewayDTO get() {
        return new AgentGatewayDTO(gateway.publicHost(), gateway.port(), gateway.pin());
    }
}
