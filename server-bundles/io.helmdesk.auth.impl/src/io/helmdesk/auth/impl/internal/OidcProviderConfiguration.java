package io.helmdesk.auth.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Factory PID {@code io.helmdesk.oidc}: one OpenID Connect provider per configuration, e.g.
 * {@code etc/io.helmdesk.oidc-google.cfg}. Google, Microsoft, Keycloak… are all this one generic client.
 */
@ObjectClassDefinition(name = "Helmdesk OpenID Connect provider", description = "Sign-in and registration through an OpenID Connect provider")
@interface OidcProviderConfiguration {

    String FACTORY_PID = "io.helmdesk.oidc";

    @AttributeDefinition(description = "Short id used in URLs and stored with linked accounts, e.g. google")
    String id();

    @AttributeDefinition(description = "Name shown on the sign-in button, e.g. Google")
    String name();

    @AttributeDefinition(description = "Issuer URL; its /.well-known/openid-configuration is read")
    String issuer();

    @AttributeDefinition(description = "Client id registered at the provider")
    String client_id();

    /** ".client.secret": the leading dot keeps it a private component property, never published with the service. */
    @AttributeDefinition(description = "Client secret registered at the provider", type = AttributeType.PASSWORD)
    String _client_secret() default "";

    @AttributeDefinition(description = "Scopes asked for; openid is always among them")
    String scopes() default "openid email profile";

    @AttributeDefinition(description = "Create an account at the first sign-in of someone unknown")
    boolean allow_registration() default true;

    @AttributeDefinition(description = "Redirect URI registered at the provider; default: this server's "
            + "/api/v1/auth/oidc/callback as the browser reached it")
    String redirect_uri() default "";
}
