package io.helmdesk.auth.impl.internal.rest;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

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

import io.helmdesk.auth.api.ApiKeyService;
import io.helmdesk.auth.api.ApiKeyService.ApiKey;
import io.helmdesk.auth.api.Permission;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.AuthDTOs.ApiKeyDTO;
import io.helmdesk.rest.api.AuthDTOs.CreateApiKeyRequest;
import io.helmdesk.rest.api.AuthDTOs.CreatedApiKeyDTO;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/api-keys}: the caller's API keys (INT-2). */
@Component(service = ApiKeyResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("api-keys")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.OWN_API_KEYS)
public class ApiKeyResource {

    private final ApiKeyService keys;

    @Activate
    public ApiKeyResource(@Reference ApiKeyService keys) {
        this.keys = keys;
    }

    @GET
    public List<ApiKeyDTO> list(@Context SecurityContext security) {
        return keys.list(accountId(security)).stream().map(ApiKeyResource::toDTO).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context SecurityContext security, CreateApiKeyRequest request) {
        Input.required(request);
        Set<Permission> scopes = EnumSet.noneOf(Permission.class);
        for (String scope : request.scopes() == null ? List.<String>of() : request.scopes()) {
            try {
                scopes.add(Permission.valueOf(scope));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("Unknown scope '" + scope + "': use one of "
                        + EnumSet.allOf(Permission.class));
            }
        }
        ApiKeyService.CreatedApiKey created = Input
                .checked(() -> keys.create(accountId(security), request.name(), scopes));
        return Response.status(201).entity(new CreatedApiKeyDTO(toDTO(created.key()), created.secret())).build();
    }

    @DELETE
    @Path("{id}")
    public void revoke(@Context SecurityContext security, @PathParam("id") String id) {
        try {
            keys.revoke(accountId(security), id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound(e.getMessage());
        }
    }

    private static String accountId(SecurityContext security) {
        return CallerPrincipal.of(security).principal().accountId();
    }

    private static ApiKeyDTO toDTO(ApiKey key) {
        return new ApiKeyDTO(key.id(), key.name(), key.prefix(),
                key.scopes().stream().map(Enum::name).sorted().toList(),
                key.createdAt().toString(), key.lastUsedAt() == null ? null : key.lastUsedAt().toString(),
                key.revokedAt() == null ? null : key.revokedAt().toString());
    }
}
