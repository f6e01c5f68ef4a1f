package io.helmdesk.agent.session.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The remote-session part of the agent's configuration (PID {@code io.helmdesk.agent}, etc/io.helmdesk.agent.cfg). */
@ObjectClassDefinition(name = "Helmdesk agent sessions", description = "How this computer takes remote sessions")
@interface SessionConfiguration {

    String PID = "io.helmdesk.agent";

    @AttributeDefinition(description = "Whether the user at this computer must allow every session: always, or "
            + "server (when the server asks for it: always for quick support, per device for permanent access). "
            + "The agent enforces it; the server cannot turn it off")
    String session_consent() default "always";

    @AttributeDefinition(description = "Seconds the user has to answer a prompt before it counts as refused")
    int session_prompt_seconds() default 60;

    @AttributeDefinition(description = "The folder files sent to this computer go to, and the only one the operator "
            + "may browse and fetch from; default: Downloads/Helmdesk in the user's home")
    String session_files_folder() default "";
}
