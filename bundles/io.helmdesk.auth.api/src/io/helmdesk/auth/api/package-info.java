/**
 * Who may do what on a Helmdesk server: accounts, sessions, API keys, the permission model, and the
 * {@link io.helmdesk.auth.api.AuthenticationProvider} SPI that plugins implement.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.auth.api;
