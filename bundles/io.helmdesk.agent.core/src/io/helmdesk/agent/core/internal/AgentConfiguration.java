package io.helmdesk.agent.core.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.helmdesk.agent}, from the agent's {@code etc/io.helmdesk.agent.cfg}. */
@ObjectClassDefinition(name = "Helmdesk agent", description = "Where the agent finds its Helmdesk server")
@interface AgentConfiguration {

    String PID = "io.helmdesk.agent";

    @AttributeDefinition(description = "The server's agent gateway as host:port, e.g. helmdesk.example.org:8443")
    String server_address();
}
