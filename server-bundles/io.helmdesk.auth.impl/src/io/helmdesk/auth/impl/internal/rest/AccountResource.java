package io.helmdesk.auth.impl.internal.rest;

import java.util.Base64;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

import io.helmdesk.auth.api.Account;
import io.helmdesk.auth.api.AccountService;
import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.SecondFactorService;
import io.helmdesk.auth.api.SecondFactorService.TelegramLink;
import io.helmdesk.auth.api.SecondFactorService.TotpEnrollment;
import io.helmdesk.rest.api.AuthDTOs.AccountDTO;
import io.helmdesk.rest.api.AuthDTOs.ChangePasswordRequest;
import io.helmdesk.rest.api.AuthDTOs.CodeRequest;
import io.helmdesk.rest.api.AuthDTOs.DeleteAccountRequest;
import io.helmdesk.rest.api.AuthDTOs.EmailChangeConfirmation;
import io.helmdesk.rest.api.AuthDTOs.EmailChangeRequest;
import io.helmdesk.rest.api.AuthDTOs.NoticeDTO;
import io.helmdesk.rest.api.AuthDTOs.ProfileUpdate;
import io.helmdesk.rest.api.AuthDTOs.TelegramLinkDTO;
import io.helmdesk.rest.api.AuthDTOs.TotpEnrollmentDTO;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/** {@code /api/v1/account}: the caller's own account (ACC-4, ACC-6). */
@Component(service = AccountResource.class, scope = ServiceScope.PROTOTYPE)
@JakartarsResource
@JSONRequired
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
@Path("account")
@Produces(MediaType.APPLICATION_JSON)
@RequiresPermission(Permission.OWN_ACCOUNT)
public class AccountResource {

    private final AccountService accounts;
    private final SecondFactorService secondFactors;

    @Context
    private HttpServletRequest request;

    @Activate
    public AccountResource(@Reference AccountService accounts, @Reference SecondFactorService secondFactors) {
        this.accounts = accounts;
        this.secondFactors = secondFactors;
    }

    @POST
    @Path("second-factor/totp")
    public TotpEnrollmentDTO startTotp(@Context SecurityContext security) {
        TotpEnrollment enrollment = Input
                .inState(() -> secondFactors.startTotp(CallerPrincipal.of(security).principal().accountId()));
        return new TotpEnrollmentDTO(enrollment.secret(), enrollment.otpauthUri(),
                Base64.getEncoder().encodeToString(enrollment.qrCodePng()));
    }

    @POST
    @Path("second-factor/totp/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public void confirmTotp(@Context SecurityContext security, CodeRequest code) {
        Input.required(code);
        Input.inState(() -> secondFactors.confirmTotp(CallerPrincipal.of(security).principal().accountId(), code.code(),
                request.getRemoteAddr()));
    }

    @POST
    @Path("second-factor/email")
    public Response startEmail(@Context SecurityContext security) {
        Input.inState(() -> secondFactors.startEmail(CallerPrincipal.of(security).principal().accountId()));
        return Response.accepted(new NoticeDTO("A code is on its way to your address; it works for 10 minutes."))
                .build();
    }

    @POST
    @Path("second-factor/email/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public void confirmEmail(@Context SecurityContext security, CodeRequest code) {
        Input.required(code);
        Input.inState(
                () -> secondFactors.confirmEmail(CallerPrincipal.of(security).principal().accountId(), code.code(),
                        request.getRemoteAddr()));
    }

    @POST
    @Path("second-factor/telegram")
    public TelegramLinkDTO startTelegram(@Context SecurityContext security) {
        TelegramLink link = Input
                .inState(() -> secondFactors.startTelegram(CallerPrincipal.of(security).principal().accountId()));
        return new TelegramLinkDTO(link.botUsername(), link.linkCode(), link.deepLink());
    }

    @POST
    @Path("second-factor/telegram/confirm")
    @Consumes(MediaType.APPLICATION_JSON)
    public void confirmTelegram(@Context SecurityContext security, CodeRequest code) {
        Input.required(code);
        Input.inState(
                () -> secondFactors.confirmTelegram(CallerPrincipal.of(security).principal().accountId(), code.code(),
                        request.getRemoteAddr()));
    }

    @POST
    @Path("second-factor/code")
    public Response sendCode(@Context SecurityContext security) {
        Input.inState(() -> secondFactors.sendCode(CallerPrincipal.of(security).principal().accountId()));
        return Response.accepted(new NoticeDTO("A code is on its way; it works for 10 minutes.")).build();
    }

    @DELETE
    @Path("second-factor")
    @Consumes(MediaType.APPLICATION_JSON)
    public void disableSecondFactor(@Context SecurityContext security, CodeRequest code) {
        Input.required(code);
        Input.inState(() -> secondFactors.disable(CallerPrincipal.of(security).principal().accountId(), code.code(),
                request.getRemoteAddr()));
    }

    @GET
    public AccountDTO get(@Context SecurityContext security) {
        CallerPrincipal caller = CallerPrincipal.of(security);
        return toDTO(caller, accounts.get(caller.principal().accountId()));
    }

    @PATCH
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountDTO updateProfile(@Context SecurityContext security, ProfileUpdate update) {
        Input.required(update);
        CallerPrincipal caller = CallerPrincipal.of(security);
        return toDTO(caller, Input.checked(() -> accounts.updateProfile(caller.principal().accountId(),
                update.displayName(), update.language(), update.timeZone())));
    }

    @POST
    @Path("email")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response requestEmailChange(@Context SecurityContext security, EmailChangeRequest change) {
        Input.required(change);
        Input.inState(() -> Input.checked(() -> accounts.requestEmailChange(
                CallerPrincipal.of(security).principal().accountId(), change.newEmail(), request.getRemoteAddr())));
        return Response.accepted(new NoticeDTO("A code is on its way to " + change.newEmail().strip()
                + "; it works for 10 minutes.")).build();
    }

    @PUT
    @Path("email")
    @Consumes(MediaType.APPLICATION_JSON)
    public AccountDTO confirmEmailChange(@Context SecurityContext security, EmailChangeConfirmation confirmation) {
        Input.required(confirmation);
        CallerPrincipal caller = CallerPrincipal.of(security);
        return toDTO(caller, Input.inState(() -> accounts.confirmEmailChange(caller.principal().accountId(),
                confirmation.code(), confirmation.currentPassword(), request.getRemoteAddr())));
    }

    @DELETE
    @Consumes(MediaType.APPLICATION_JSON)
    public void delete(@Context SecurityContext security, DeleteAccountRequest confirmation) {
        Input.required(confirmation);
        Input.inState(() -> accounts.delete(CallerPrincipal.of(security).principal().accountId(),
                confirmation.password(), request.getRemoteAddr()));
    }

    private AccountDTO toDTO(CallerPrincipal caller, Account account) {
        List<String> permissions = caller.principal().permissions().stream().map(Enum::name).sorted().toList();
        return new AccountDTO(account.id(), account.email(), account.displayName(), account.role().name(), permissions,
                account.language(), account.timeZone(), account.createdAt().toString(),
                secondFactors.enabledMethod(account.id()).orElse(null));
    }

    @PUT
    @Path("password")
    @Consumes(MediaType.APPLICATION_JSON)
    public void changePassword(@Context SecurityContext security, ChangePasswordRequest change) {
        Input.required(change);
        CallerPrincipal caller = CallerPrincipal.of(security);
        Input.checked(() -> accounts.changePassword(caller.principal().accountId(), change.currentPassword(),
                change.newPassword(), caller.token(), request.getRemoteAddr()));
    }
}
