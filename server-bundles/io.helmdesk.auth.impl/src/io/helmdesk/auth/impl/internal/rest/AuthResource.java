package io.helmdesk.auth.impl.internal.rest;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
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

import io.helmdesk.auth.api.AuthenticationService;
import io.helmdesk.auth.api.RegistrationService;
import io.helmdesk.auth.api.SessionGrant;
import io.helmdesk.auth.api.SignInResult;
import io.helmdesk.rest.api.AuthDTOs.CompleteRecoveryRequest;
import io.helmdesk.rest.api.AuthDTOs.LoginRequest;
import io.helmdesk.rest.api.AuthDTOs.LoginResultDTO;
import io.helmdesk.rest.api.AuthDTOs.NoticeDTO;
import io.helmdesk.rest.api.AuthDTOs.RecoveryRequest;
import io.helmdesk.rest.api.AuthDTOs.RegisterRequest;
import io.helmdesk.rest.api.AuthDTOs.SecondFactorRequest;
import io.helmdesk.rest.api.AuthDTOs.SessionDTO;
import io.helmdesk.rest.api.AuthDTOs.SetupRequest;
import io.helmdesk.rest.api.AuthDTOs.SetupStatusDTO;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.PublicRoute;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/auth}: sign in, sign out, first-run setup (ACC-2). */
@Component(service = AuthResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("auth")
@Produces(MediaType.APPLICATION_JSON)
public class AuthResource {

    private final AuthenticationService authentication;
    private final RegistrationService registration;

    @Context
    private HttpServletRequest request;

    @Activate
    public AuthResource(@Reference AuthenticationService authentication, @Reference RegistrationService registration) {
        this.authentication = authentication;
        this.registration = registration;
    }

    @POST
    @Path("register")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public Response register(RegisterRequest register) {
        Input.required(register);
        Input.inState(() -> Input.checked(() -> registration.register(register.email(), register.language(),
                request.getRemoteAddr())));
        return Response.accepted(new NoticeDTO("Check the mailbox of " + register.email().strip()
                + ": the password is on its way.")).build();
    }

    @POST
    @Path("recovery")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public Response requestRecovery(RecoveryRequest recovery) {
        Input.required(recovery);
        Input.inState(() -> registration.requestRecovery(recovery.email(), request.getRemoteAddr()));
        return Response.accepted(new NoticeDTO("If this address has an account, a link to choose a new password is "
                + "on its way; it works for " + RegistrationService.RECOVERY_MINUTES + " minutes.")).build();
    }

    @POST
    @Path("recovery/complete")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public void completeRecovery(CompleteRecoveryRequest complete) {
        Input.required(complete);
        Input.checked(() -> registration.completeRecovery(complete.token(), complete.newPassword(),
                request.getRemoteAddr()));
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public LoginResultDTO login(LoginRequest login) {
        Input.required(login);
        // The second factor's code goes out now: a channel that is down is a 503, not a 500.
        SignInResult result = Input
                .inState(() -> authentication.signIn(login.email(), login.password(), request.getRemoteAddr()));
        return toDTO(result);
    }

    /** A session, or the second-factor step it takes to get one. */
    static LoginResultDTO toDTO(SignInResult result) {
        if (result.session() == null) {
            return new LoginResultDTO(null, null, null, result.secondFactor(), result.pendingToken());
        }
        SessionGrant session = result.session();
        return new LoginResultDTO(session.token(), session.accountId(), session.expiresAt().toString(), null, null);
    }

    @POST
    @Path("second-factor")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public SessionDTO secondFactor(SecondFactorRequest answer) {
        Input.required(answer);
        return toDTO(authentication.completeSignIn(answer.pendingToken(), answer.code(), request.getRemoteAddr()));
    }

    @POST
    @Path("logout")
    public void logout(@Context SecurityContext security) {
        authentication.signOut(CallerPrincipal.of(security).token());
    }

    @GET
    @Path("setup")
    @PublicRoute
    public SetupStatusDTO setupStatus() {
        return new SetupStatusDTO(authentication.setupNeeded());
    }

    @POST
    @Path("setup")
    @Consumes(MediaType.APPLICATION_JSON)
    @PublicRoute
    public SessionDTO setUp(SetupRequest setup) {
        Input.required(setup);
        return toDTO(Input.checked(() -> authentication.setUp(setup.token(), setup.email(), setup.password(),
                setup.displayName(), request.getRemoteAddr())));
    }

    static SessionDTO toDTO(SessionGrant grant) {
        return new SessionDTO(grant.token(), grant.accountId(), grant.expiresAt().toString());
    }
}
