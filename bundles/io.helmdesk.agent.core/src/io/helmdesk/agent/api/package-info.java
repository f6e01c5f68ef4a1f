/**
 * What the agent's core offers to the agent's other bundles: the control connection to the server (commands from it,
 * reports to it) and the agent's user interface thread.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package io.helmdesk.agent.api;
