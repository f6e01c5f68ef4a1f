package io.helmdesk.mail.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/** Configuration PID {@code io.helmdesk.mail}: the SMTP server that carries the server's e-mail. */
@ObjectClassDefinition(name = "Helmdesk mail", description = "Outgoing e-mail over SMTP")
@interface MailConfiguration {

    String PID = "io.helmdesk.mail";

    @AttributeDefinition(description = "SMTP server host name; empty: the server sends no e-mail")
    String host() default "";

    @AttributeDefinition(description = "SMTP port: 587 for STARTTLS, 465 for TLS, 25 for none")
    int port() default 587;

    @AttributeDefinition(description = "Transport security", options = {
            @Option(value = "starttls", label = "STARTTLS (required)"),
            @Option(value = "tls", label = "TLS from the start"),
            @Option(value = "none", label = "None (local relays only)")})
    String security() default "starttls";

    @AttributeDefinition(description = "User name for SMTP authentication; empty: none")
    String user() default "";

    /** ".password": the leading dot keeps it a private component property, never published with the service. */
    @AttributeDefinition(description = "Password for SMTP authentication", type = AttributeType.PASSWORD)
    String _password() default "";

    @AttributeDefinition(description = "Sender address, e.g. helmdesk@example.org")
    String from() default "";

    @AttributeDefinition(description = "Sender name")
    String from_name() default "Helmdesk";

    @AttributeDefinition(description = "Connection and answer timeout in seconds")
    int timeout_seconds() default 20;

    @AttributeDefinition(description = "PEM file of the certificates to trust for the SMTP server (a private CA or a "
            + "self-signed relay) instead of the JDK's trusted authorities; the host name is still checked")
    String trust_certificates() default "";

    @AttributeDefinition(description = "Address of this server as people reach it, for links in mails")
    String public_url() default "";
}
