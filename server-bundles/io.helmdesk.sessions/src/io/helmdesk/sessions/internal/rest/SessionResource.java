package io.helmdesk.sessions.internal.rest;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Principal;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;
import io.helmdesk.rest.api.SessionDTOs.SessionDTO;
import io.helmdesk.rest.api.SessionDTOs.SessionEventDTO;
import io.helmdesk.rest.api.SessionDTOs.SessionRequest;
import io.helmdesk.rest.api.SessionDTOs.SessionStartDTO;
import io.helmdesk.sessions.api.RemoteSession;
import io.helmdesk.sessions.api.RemoteSessionService;
import io.helmdesk.sessions.api.SessionOptions;
import io.helmdesk.sessions.api.SessionStart;
import io.helmdesk.sessions.api.TargetOfflineException;
import io.helmdesk.sessions.api.UnknownSessionTargetException;

/** {@code /api/v1/sessions}: remote sessions to the caller's computers (SES-1, SES-5). */
@Component(service = SessionResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("sessions")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.OWN_DEVICES)
public class SessionResource {

    private final RemoteSessionService sessions;

    @Activate
    public SessionResource(@Reference RemoteSessionService sessions) {
        this.sessions = sessions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(@Context SecurityContext security, @Context UriInfo uri, SessionRequest request) {
        if (request == null || request.deviceId() == null || request.deviceId().isBlank()) {
            throw ApiException.badRequest("This call needs a JSON body with the deviceId to connect to");
        }
        SessionOptions options = new SessionOptions(!Boolean.FALSE.equals(request.clipboard()),
                !Boolean.FALSE.equals(request.files()));
        SessionStart start = answer(() -> sessions.start(caller(security), request.deviceId().strip(), options));
        // Without a configured relay host, the console reaches the relay where it reached this API.
        String relayHost = start.relayHost().isEmpty() ? uri.getBaseUri().getHost() : start.relayHost();
        return Response.status(Response.Status.CREATED)
                .entity(new SessionStartDTO(start.sessionId(), start.deviceId(), relayHost, start.relayPort(),
                        start.identity(), start.peerPin(), start.ticket(), start.expiresAt().toString(),
                        options.clipboard(),
                        options.files()))
                .build();
    }

    @GET
    public List<SessionDTO> list(@Context SecurityContext security, @QueryParam("deviceId") String deviceId,
            @QueryParam("limit") Integer limit) {
        if (deviceId == null || deviceId.isBlank()) {
            throw ApiException.badRequest("Give the computer: ?deviceId=…");
        }
        return answer(() -> sessions.listForDevice(caller(security), deviceId.strip(), limit == null ? 50 : limit))
                .stream().map(SessionResource::toDTO).toList();
    }

    @GET
    @Path("{id}")
    public SessionDTO get(@Context SecurityContext security, @PathParam("id") String id) {
        return toDTO(answer(() -> sessions.get(caller(security), id)));
    }

    @DELETE
    @Path("{id}")
    public void end(@Context SecurityContext security, @PathParam("id") String id) {
        answer(() -> {
            sessions.end(caller(security), id);
            return null;
        });
    }

    private static <T> T answer(Supplier<T> call) {
        try {
            return call.get();
        } catch (UnknownSessionTargetException e) {
            throw ApiException.notFound(e.getMessage());
        } catch (TargetOfflineException e) {
            throw ApiException.conflict(e.getMessage());
        }
    }

    private static Principal caller(SecurityContext security) {
        return CallerPrincipal.of(security).principal();
    }

    private static SessionDTO toDTO(RemoteSession session) {
        return new SessionDTO(session.id(), session.deviceId(), session.operatorAccountId(), session.operatorName(),
                session.state().name(), session.requestedAt().toString(), text(session.startedAt()),
                text(session.endedAt()), session.endReason(), session.bytesFromAgent(), session.bytesFromConsole(),
                session.events().stream().map(event -> new SessionEventDTO(event.at().toString(), event.kind(),
                        event.actor(), event.detail())).toList());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
