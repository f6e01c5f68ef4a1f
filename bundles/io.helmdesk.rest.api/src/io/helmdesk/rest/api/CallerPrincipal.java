package io.helmdesk.rest.api;

import jakarta.ws.rs.core.SecurityContext;

import io.helmdesk.auth.api.Principal;

/**
 * The authenticated caller as the REST layer hands it to resources, through {@link SecurityContext}:
 * {@code CallerPrincipal.of(securityContext)}.
 */
public record CallerPrincipal(Principal principal, String token) implements java.security.Principal {

    @Override
    public String getName() {
        return principal.email();
    }

    /**
     * The caller of the current request.
     *
     * @throws IllegalStateException on a public route, where there may be none
     */
    public static CallerPrincipal of(SecurityContext context) {
        if (context != null && context.getUserPrincipal() instanceof CallerPrincipal caller) {
            return caller;
        }
        throw new IllegalStateException("No authenticated caller: is this a public route?");
    }
}
