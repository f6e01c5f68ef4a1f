package io.helmdesk.auth.impl.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.helmdesk.auth}: sessions and abuse limits. */
@ObjectClassDefinition(name = "Helmdesk authentication", description = "Sessions and limits on failed attempts")
@interface AuthConfiguration {

    String PID = "io.helmdesk.auth";

    @AttributeDefinition(description = "A session unused for this many minutes ends")
    int session_idle_minutes() default 120;

    @AttributeDefinition(description = "A session ends this many hours after sign-in, however used")
    int session_absolute_hours() default 24;

    @AttributeDefinition(description = "Failed password checks allowed per account per hour")
    int failures_per_account_per_hour() default 100;

    @AttributeDefinition(description = "Failed checks (passwords, tokens) allowed per source address per hour")
    int failures_per_address_per_hour() default 300;
}
