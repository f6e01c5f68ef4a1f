package io.helmdesk.devices.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.helmdesk.devices}: where agents connect, and how often they say they are alive. */
@ObjectClassDefinition(name = "Helmdesk agent gateway", description = "The TLS port agents keep connected to")
@interface GatewayConfiguration {

    String PID = "io.helmdesk.devices";

    @AttributeDefinition(description = "TCP port agents connect to (TLS); 0 for any free port; -1 for "
            + "HELMDESK_AGENT_PORT of bin/helmdesk-server (7443 by default)")
    int agent_port() default -1;

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 for all")
    String agent_bind() default "0.0.0.0";

    @AttributeDefinition(description = "Host name or address agents use to reach this server (in downloaded agents); "
            + "default: this host's name")
    String public_host() default "";

    @AttributeDefinition(description = "The server's web address as people reach it (e.g. https://helmdesk.example.org), "
            + "written into downloaded agents as server.url for signing in on them; default: the address the "
            + "download was made through")
    String public_url() default "";

    @AttributeDefinition(description = "Seconds after which a quiet agent sends a heartbeat; an agent silent for three is offline")
    int heartbeat_interval_seconds() default 30;
}
