/**
 * The session relay: single-use tickets for the two sides of a remote session, and the TLS port they join on.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.relay.api;
