package io.helmdesk.agent.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.helmdesk.agent}, from the agent's {@code etc/io.helmdesk.agent.cfg}. */
@ObjectClassDefinition(name = "Helmdesk agent", description = "Where the agent finds its Helmdesk server, and whether it shows its window")
@interface AgentConfiguration {

    String PID = "io.helmdesk.agent";

    @AttributeDefinition(description = "The server's agent gateway as host:port, e.g. helmdesk.example.org:7443")
    String server_address();

    @AttributeDefinition(description = "SHA-256 fingerprint of the gateway's certificate (64 hex digits): the agent "
            + "talks to no other server")
    String server_pin() default "";

    /** ".enrollment.token": the leading dot keeps it a private component property, never published. */
    @AttributeDefinition(description = "Enrollment token: the computer joins the token's account at first start "
            + "without anyone signing in", type = AttributeType.PASSWORD)
    String _enrollment_token() default "";

    @AttributeDefinition(description = "The name this computer enrolls with; default: its host name")
    String device_name() default "";

    @AttributeDefinition(description = "The server's web address (http:// or https://, e.g. "
            + "https://helmdesk.example.org), where the agent's window signs a person in to add this computer to "
            + "their account; empty: no sign-in on this computer")
    String server_url() default "";

    @AttributeDefinition(description = "Whether the agent shows its window when the computer has a graphical "
            + "session; false for a computer nobody sits at")
    boolean window() default true;
}
