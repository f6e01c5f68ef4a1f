package io.helmdesk.rest.internal;

import java.time.Duration;
import java.time.Instant;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.rest.api.DatabaseHealthDTO;
import io.helmdesk.rest.api.HealthDTO;
import io.helmdesk.rest.api.PublicRoute;
import io.helmdesk.rest.api.RestApi;
import io.helmdesk.store.api.DatabaseStatus;
import io.helmdesk.store.api.DatabaseStatusService;

/**
 * {@code GET /api/v1/health}: public, answers 200 when every part is up and 503 when the database is not (down,
 * or not configured).
 */
@Component(service = HealthResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("health")
@PublicRoute
public class HealthResource {

    /** What the health says while the store has no configuration, hence no database. */
    static final DatabaseStatus NOT_CONFIGURED = new DatabaseStatus(false, null, null, 0,
            "The database is not configured: see etc/io.helmdesk.store.cfg");

    private final ServerInfo serverInfo;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DatabaseStatusService database;

    @Activate
    public HealthResource(@Reference ServerInfo serverInfo) {
        this.serverInfo = serverInfo;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Response health() {
        DatabaseStatusService current = database;
        DatabaseStatus status = current == null ? NOT_CONFIGURED : current.status();
        DatabaseHealthDTO databaseHealth = new DatabaseHealthDTO(status.up() ? HealthDTO.UP : "DOWN", status.product(),
                status.productVersion(), status.schemaVersion(), status.message());
        Instant startedAt = serverInfo.startedAt();
        HealthDTO health = new HealthDTO(status.up() ? HealthDTO.UP : HealthDTO.DEGRADED, serverInfo.version(),
                startedAt.toString(), Duration.between(startedAt, Instant.now()).toSeconds(), databaseHealth);
        return Response.status(status.up() ? 200 : 503).entity(health).build();
    }
}
