package io.helmdesk.store.jpa.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code io.helmdesk.store}: which database the server keeps its data in. */
@ObjectClassDefinition(name = "Helmdesk store", description = "The database of the Helmdesk server")
@interface StoreConfiguration {

    String PID = "io.helmdesk.store";

    @AttributeDefinition(description = "'derby' (embedded, in the data folder) or 'postgresql'")
    String type() default "derby";

    @AttributeDefinition(description = "Derby only: the database folder. Default: <data folder>/db")
    String derby_directory() default "";

    @AttributeDefinition(description = "PostgreSQL only: JDBC URL, e.g. jdbc:postgresql://db.example.org:5432/helmdesk")
    String url() default "";

    @AttributeDefinition(description = "PostgreSQL only: user name")
    String user() default "";

    /** ".password": the leading dot keeps it a private component property, never published with a service. */
    @AttributeDefinition(description = "PostgreSQL only: password", type = AttributeType.PASSWORD)
    String _password() default "";
}
