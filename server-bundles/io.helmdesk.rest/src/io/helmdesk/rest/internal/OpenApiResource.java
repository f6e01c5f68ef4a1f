package io.helmdesk.rest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.rest.api.PublicRoute;
import io.helmdesk.rest.api.RestApi;

/**
 * {@code GET /api/v1/openapi.json}: the OpenAPI 3 description of the API, written by hand beside the code; a test
 * checks that it names every route the server serves.
 */
@Component(service = OpenApiResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("openapi.json")
@PublicRoute
public class OpenApiResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public byte[] description() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream("/openapi/openapi.json")) {
            if (in == null) {
                throw new IllegalStateException("openapi/openapi.json is missing from io.helmdesk.rest");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
