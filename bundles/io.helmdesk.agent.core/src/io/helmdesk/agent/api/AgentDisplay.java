package io.helmdesk.agent.api;

import org.eclipse.swt.widgets.Display;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The agent's SWT display, registered as a service while the agent has a window (GTK allows one display per process,
 * so every window of the agent lives on this one). Absent on a computer without a graphical session or with
 * {@code window = false}: nobody can then answer a prompt on it.
 */
@ProviderType
public interface AgentDisplay {

    /** The display; use {@link Display#asyncExec} to run on its thread. */
    Display display();
}
