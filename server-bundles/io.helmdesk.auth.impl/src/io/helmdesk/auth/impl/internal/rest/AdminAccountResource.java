package io.helmdesk.auth.impl.internal.rest;

import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.auth.api.AccountAdministration;
import io.helmdesk.auth.api.Permission;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.AuthDTOs.AccountStateRequest;
import io.helmdesk.rest.api.AuthDTOs.AdminAccountDTO;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/admin/accounts}: the server's accounts, for administrators. */
@Component(service = AdminAccountResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("admin/accounts")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.SERVER_ADMINISTRATION)
public class AdminAccountResource {

    private final AccountAdministration administration;

    @Activate
    public AdminAccountResource(@Reference AccountAdministration administration) {
        this.administration = administration;
    }

    @GET
    public List<AdminAccountDTO> list() {
        return administration.list().stream().map(entry -> new AdminAccountDTO(entry.account().id(),
                entry.account().email(), entry.account().displayName(), entry.account().role().name(), entry.state(),
                entry.account().createdAt().toString())).toList();
    }

    @PUT
    @Path("{id}/state")
    @Consumes(MediaType.APPLICATION_JSON)
    public void setState(@Context SecurityContext security, @PathParam("id") String id, AccountStateRequest state) {
        Input.required(state);
        if (!"ACTIVE".equals(state.state()) && !"DISABLED".equals(state.state())) {
            throw ApiException.badRequest("state must be ACTIVE or DISABLED");
        }
        try {
            Input.inState(() -> administration.setEnabled(CallerPrincipal.of(security).principal().accountId(), id,
                    "ACTIVE".equals(state.state())));
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }
}
