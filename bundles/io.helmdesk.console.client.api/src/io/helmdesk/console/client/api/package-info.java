/** The Helmdesk server as the console sees it: one service per area of the REST API. */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.console.client.api;
