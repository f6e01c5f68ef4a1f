package io.helmdesk.devices.internal.rest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import jakarta.ws.rs.GET;
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
import io.helmdesk.devices.api.EnrollmentTokenService;
import io.helmdesk.devices.internal.AgentDownloads;
import io.helmdesk.devices.internal.AgentDownloads.Platform;
import io.helmdesk.devices.internal.AgentGateway;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.DeviceDTOs.AgentDownloadDTO;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/**
 * {@code /api/v1/agent-downloads}: the agent, configured for this server (gateway address and certificate pin, and the
 * web address its window signs people in through) and, unless asked otherwise, with a fresh enrollment token of the
 * caller's, so the computer joins the account at first start.
 */
@Component(service = AgentDownloadResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("agent-downloads")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.OWN_DEVICES)
public class AgentDownloadResource {

    private final AgentDownloads downloads;
    private final AgentGateway gateway;
    private final EnrollmentTokenService tokens;

    @Activate
    public AgentDownloadResource(@Reference AgentDownloads downloads, @Reference AgentGateway gateway,
            @Reference EnrollmentTokenService tokens) {
        this.downloads = downloads;
        this.gateway = gateway;
        this.tokens = tokens;
    }

    @GET
    public List<AgentDownloadDTO> list() {
        return downloads.platforms().stream()
                .map(p -> new AgentDownloadDTO(p.id(), p.fileName(), p.mediaType())).toList();
    }

    /**
     * The distribution.
     *
     * @param enroll false for an agent that joins no account by itself (someone signs in on it)
     * @param maxUses computers that may join with the token; 0 for no limit (default 1)
     * @param validDays days the token works; 0 for no expiry (default 7)
     */
    @GET
    @Path("{platform}")
    @Produces({"application/gzip", "application/zip", MediaType.APPLICATION_JSON})
    public Response download(@Context SecurityContext security, @Context UriInfo uri,
            @PathParam("platform") String platformId,
            @QueryParam("enroll") String enroll, @QueryParam("maxUses") Integer maxUses,
            @QueryParam("validDays") Integer validDays) {
        Platform platform = Platform.of(platformId).filter(downloads.platforms()::contains)
                .orElseThrow(() -> ApiException.notFound("There is no agent for '" + platformId
                        + "' on this server; GET /api/v1/agent-downloads lists the platforms"));
        int uses = maxUses == null ? 1 : maxUses;
        int days = validDays == null ? 7 : validDays;
        if (uses < 0 || days < 0 || days > 3650) {
            throw ApiException.badRequest("maxUses is 0 (no limit) or more; validDays 0 (no expiry) to 3650");
        }
        Principal caller = CallerPrincipal.of(security).principal();
        StringBuilder configuration = new StringBuilder()
                .append("# Helmdesk agent configuration, made by the server for ").append(caller.email())
                .append(" on ").append(LocalDate.now()).append(".\n")
                .append("# Remote sessions: session.consent = always (the user allows each session, the default) or "
                        + "server (the computer's card decides);\n# session.files.folder = where files sent to this "
                        + "computer go (default: Downloads/Helmdesk in the user's home).\n")
                .append("server.address = ").append(gateway.publicHost()).append(':').append(gateway.port())
                .append("\nserver.pin = ").append(gateway.pin()).append('\n')
                .append("# Where a person signs in on the agent's window to add the computer to their account.\n")
                .append("server.url = ").append(gateway.publicUrl().orElseGet(() -> reachedThrough(uri)))
                .append('\n');
        if (!"false".equalsIgnoreCase(enroll)) {
            String secret = Calls.answer(() -> tokens.create(caller, "Agent download (" + platform.id() + ", "
                    + LocalDate.now() + ")", uses, days == 0 ? null : Duration.ofDays(days))).secret();
            configuration.append("# Joins the account at first start; the token can be revoked in the account.\n")
                    .append(".enrollment.token = ").append(secret).append('\n');
        }
        byte[] archive;
        try {
            archive = downloads.build(platform, configuration.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(archive, platform.mediaType())
                .header("Content-Disposition", "attachment; filename=\"" + platform.fileName() + "\"")
                .header("Content-Length", archive.length).build();
    }

    /** The server's web address as the caller reached it: the API's base without its path. */
    static String reachedThrough(UriInfo uri) {
        String base = uri.getBaseUri().toString();
        int api = base.lastIndexOf(RestApi.BASE_PATH);
        if (api > 0) {
            return base.substring(0, api);
        }
        return uri.getBaseUri().getScheme() + "://" + uri.getBaseUri().getRawAuthority();
    }
}
