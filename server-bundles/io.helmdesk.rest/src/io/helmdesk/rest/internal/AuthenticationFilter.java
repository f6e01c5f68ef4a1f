package io.helmdesk.rest.internal;

import java.lang.reflect.Method;
import java.security.Principal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsApplicationSelect;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsExtension;
import org.osgi.service.jakartars.whiteboard.propertytypes.JakartarsName;

import io.helmdesk.auth.api.AuthenticationException;
import io.helmdesk.auth.api.AuthenticationService;
import io.helmdesk.rest.api.ApiException;
import io.helmdesk.rest.api.CallerPrincipal;
import io.helmdesk.rest.api.PublicRoute;
import io.helmdesk.rest.api.RequiresPermission;
import io.helmdesk.rest.api.RestApi;

/**
 * Every route of the API needs a valid bearer token (a session or an API key) unless it is marked
 * {@link PublicRoute}; a route marked {@link RequiresPermission} also needs that permission. The caller reaches the
 * resources as a {@link CallerPrincipal} through the {@link SecurityContext}.
 */
@Component(service = ContainerRequestFilter.class)
@JakartarsExtension
@JakartarsName("helmdesk.authentication")
@JakartarsApplicationSelect(RestApi.APPLICATION_SELECT)
public class AuthenticationFilter implements ContainerRequestFilter {

    private static final String BEARER = "Bearer ";

    // Optional, so that the filter stays (and the API stays closed) while authentication cannot start.
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuthenticationService authentication;

    @Context
    private ResourceInfo resource;

    @Context
    private HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        if (method == null) {
            return; // no route matched: the answer is a 404 or 405 anyway
        }
        boolean isPublic = method.isAnnotationPresent(PublicRoute.class) || type.isAnnotationPresent(PublicRoute.class);
        String header = context.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            if (!isPublic) {
                throw new AuthenticationException("Sign in first: send Authorization: Bearer <token>");
            }
            return;
        }
        if (!header.startsWith(BEARER)) {
            throw new AuthenticationException("Only Authorization: Bearer <token> is accepted");
        }
        String token = header.substring(BEARER.length()).strip();
        AuthenticationService current = authentication;
        if (current == null) {
            throw new ApiException(503, "unavailable", "Sign-in is not available right now; the server log says why");
        }
        io.helmdesk.auth.api.Principal principal = current.authenticate(token, request.getRemoteAddr())
                .orElseThrow(() -> new AuthenticationException("The token is not valid (any more): sign in again"));
        RequiresPermission required = method.isAnnotationPresent(RequiresPermission.class)
                ? method.getAnnotation(RequiresPermission.class)
                : type.getAnnotation(RequiresPermission.class);
        if (required != null && !principal.has(required.value())) {
            throw new ApiException(403, "forbidden", "This needs the permission " + required.value());
        }
        boolean secure = context.getSecurityContext() != null && context.getSecurityContext().isSecure();
        context.setSecurityContext(new CallerSecurityContext(new CallerPrincipal(principal, token), secure));
    }

    private record CallerSecurityContext(CallerPrincipal caller, boolean secure) implements SecurityContext {

        @Override
        public Principal getUserPrincipal() {
            return caller;
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.principal().role().name().equals(role);
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
