package io.helmdesk.examples.hello.internal;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.PublicRoute;
import io.helmdesk.rest.api.RestApi;

/**
 * The smallest useful plugin: one resource joining the server's API at {@code /api/v1/examples/hello}. Copy this
 * bundle to start your own; drop its jar into the server's plugins folder to try it.
 */
@Component(service = HelloResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("examples/hello")
// Public for the demo: without this mark, callers need a bearer token, like every other route of the API.
@PublicRoute
public class HelloResource {

    /** The answer's shape; records become JSON objects. */
    public record Greeting(String greeting) {
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting hello(@QueryParam("name") String name) {
        if (name != null && (name.isBlank() || name.length() > 100)) {
            throw ApiException.badRequest("name must be 1 to 100 characters");
        }
        return new Greeting("Hello, " + (name == null ? "world" : name.strip()) + "!");
    }
}
