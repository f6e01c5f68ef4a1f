package io.helmdesk.devices.internal.rest;

import java.time.Duration;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
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
import io.helmdesk.devices.api.EnrollmentTokenService;
import io.helmdesk.devices.api.EnrollmentTokenService.CreatedToken;
import io.helmdesk.devices.api.EnrollmentTokenService.EnrollmentToken;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.DeviceDTOs.CreateEnrollmentTokenRequest;
import io.helmdesk.rest.api.DeviceDTOs.CreatedEnrollmentTokenDTO;
import io.helmdesk.rest.api.DeviceDTOs.EnrollmentTokenDTO;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/enrollment-tokens}: tokens that let agents join the caller's account on their own (DEV-2). */
@Component(service = EnrollmentTokenResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("enrollment-tokens")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.OWN_DEVICES)
public class EnrollmentTokenResource {

    private final EnrollmentTokenService tokens;

    @Activate
    public EnrollmentTokenResource(@Reference EnrollmentTokenService tokens) {
        this.tokens = tokens;
    }

    @GET
    public List<EnrollmentTokenDTO> list(@Context SecurityContext security) {
        return tokens.list(CallerPrincipal.of(security).principal()).stream().map(EnrollmentTokenResource::toDTO)
                .toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, CreateEnrollmentTokenRequest request) {
        Calls.required(request);
        if (request.validDays() < 0 || request.validDays() > 3650) {
            throw ApiException.badRequest("validDays is 0 (no expiry) to 3650");
        }
        CreatedToken created = Calls.answer(() -> tokens.create(CallerPrincipal.of(security).principal(),
                request.name(), request.maxUses(),
                request.validDays() == 0 ? null : Duration.ofDays(request.validDays())));
        return Response.status(201).entity(new CreatedEnrollmentTokenDTO(toDTO(created.token()), created.secret()))
                .build();
    }

    @DELETE
    @Path("{id}")
    public void revoke(@Context SecurityContext security, @PathParam("id") String id) {
        if (!tokens.revoke(CallerPrincipal.of(security).principal(), id)) {
            throw ApiException.notFound("There is no valid enrollment token " + id);
        }
    }

    static EnrollmentTokenDTO toDTO(EnrollmentToken token) {
        return new EnrollmentTokenDTO(token.id(), token.name(), token.prefix(), token.usesLeft(), token.uses(),
                token.expiresAt() == null ? null : token.expiresAt().toString(),
                token.revokedAt() == null ? null : token.revokedAt().toString(), token.createdAt().toString());
    }
}
