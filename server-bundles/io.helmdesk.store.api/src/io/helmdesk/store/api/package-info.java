/** The server's durable store: its health and the repositories features use. Never JPA types. */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.store.api;
