package io.helmdesk.relay.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.helmdesk.relay}: the port the two sides of a remote session join on (their TLS runs end to end through it). */
@ObjectClassDefinition(name = "Helmdesk session relay", description = "The port agents and consoles join sessions on")
@interface RelayConfiguration {

    String PID = "io.helmdesk.relay";

    @AttributeDefinition(description = "TCP port of the relay; 0 for any free port; -1 for HELMDESK_RELAY_PORT of "
            + "bin/helmdesk-server (7444 by default)")
    int relay_port() default -1;

    @AttributeDefinition(description = "Address to listen on; 0.0.0.0 for all")
    String relay_bind() default "0.0.0.0";

    @AttributeDefinition(description = "Host name or address consoles and agents use to reach the relay; default: the "
            + "host the console reached the web address with, and the agent gateway's public host for agents")
    String public_host() default "";

    @AttributeDefinition(description = "Seconds a new connection has to present its ticket")
    int join_timeout_seconds() default 10;

    @AttributeDefinition(description = "Bytes held for a side that reads slower than the other writes, per direction "
            + "(one buffer each way of every session, 64 KiB to 16 MiB); while it is full the relay stops reading from "
            + "the writer until the reader catches up")
    int forward_buffer_bytes() default 256 * 1024;

    @AttributeDefinition(description = "Seconds without a byte in either direction after which a paired session is "
            + "closed (both sides send heartbeats every 30 s)")
    int idle_timeout_seconds() default 120;
}
