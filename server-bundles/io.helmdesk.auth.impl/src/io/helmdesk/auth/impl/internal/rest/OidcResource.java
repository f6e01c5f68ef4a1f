package io.helmdesk.auth.impl.internal.rest;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.osgi.service.jakartars.whiteboard.propertytypes.JSONRequired;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsResource;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.auth.api.RateLimitedException;
import io.helmdesk.auth.api.SignInResult;
import io.helmdesk.auth.impl.internal.OidcSignIn;
import io.helmdesk.rest.api.AuthDTOs.NoticeDTO;
import io.helmdesk.rest.api.AuthDTOs.OidcPollRequest;
import io.helmdesk.rest.api.AuthDTOs.OidcProviderDTO;
import io.helmdesk.rest.api.AuthDTOs.OidcStartDTO;
import io.helmdesk.rest.api.PublicRoute;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/auth/oidc}: sign-in and registration through OpenID Connect providers (ACC-1). */
@Component(service = OidcResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("auth/oidc")
@Produces(MediaType.APPLICATION_JSON)
public class OidcResource {

    static final String CALLBACK = "auth/oidc/callback";

    private final OidcSignIn signIn;

    @Context
    private HttpServletRequest request;

    @Activate
    public OidcResource(@Reference OidcSignIn signIn) {
        this.signIn = signIn;
    }

    @GET
    @Path("providers")
    @PublicRoute
    public List<OidcProviderDTO> providers() {
        return signIn.providers().stream().map(p -> new OidcProviderDTO(p.id(), p.name())).toList();
    }

    @POST
    @Path("{provider}/start")
    @PublicRoute
    public OidcStartDTO start(@PathParam("provider") String provider) {
        OidcSignIn.Started started = Input.inState(() -> Input.checked(() -> signIn.start(provider,
                callbackUrl(), request.getRemoteAddr())));
        return new OidcStartDTO(started.authorizationUrl(), started.pollToken(),
                Instant.ofEpochMilli(started.expiresAt()).toString());
    }

    /** Where the provider sends the browser: a page for a person, not JSON. */
    @GET
    @Path("callback")
    @Produces(MediaType.TEXT_HTML)
    @PublicRoute
    public Response callback(@QueryParam("state") String state, @QueryParam("code") String code,
            @QueryParam("error") String error, @QueryParam("error_description") String errorDescription) {
        try {
            String message = signIn.callback(state, code, error, errorDescription, request.getRemoteAddr());
            return page(200, "Signed in", message, "up");
        } catch (AuthenticationException e) {
            return page(400, "Not signed in", e.getMessage(), "down");
        } catch (RateLimitedException e) {
            return page(429, "Not signed in", e.getMessage(), "down");
        }
    }

    @POST
    @Path("poll")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public Response poll(OidcPollRequest poll) {
        Input.required(poll);
        Optional<SignInResult> result = signIn.poll(poll.pollToken(), request.getRemoteAddr());
        if (result.isEmpty()) {
            return Response.accepted(new NoticeDTO("Waiting for the sign-in in the browser")).build();
        }
        return Response.ok(AuthResource.toDTO(result.get())).build();
    }

    private String callbackUrl() {
        String url = request.getRequestURL().toString();
        return url.substring(0, url.indexOf("/auth/oidc/")) + "/" + CALLBACK;
    }

    private static Response page(int status, String title, String message, String kind) {
        String html = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Helmdesk — %1$s</title>
                  <link rel="stylesheet" href="/helmdesk.css">
                  <link rel="icon" href="/favicon.svg" type="image/svg+xml">
                </head>
                <body>
                  <main class="card">
                    <header>
                      <img src="/favicon.svg" alt="" width="40" height="40">
                      <div><h1>%1$s</h1></div>
                    </header>
                    <p id="status" class="status %3$s">%2$s</p>
                  </main>
                </body>
                </html>
                """.formatted(escape(title), escape(message), kind);
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
