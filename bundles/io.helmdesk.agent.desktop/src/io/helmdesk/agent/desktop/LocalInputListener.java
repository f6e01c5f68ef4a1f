package io.helmdesk.agent.desktop;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Hears from a {@link LocalInputMonitor} that the person at the computer uses it. Called from the monitor's thread:
 * return quickly and hand real work to another thread.
 */
@ConsumerType
public interface LocalInputListener {

    /**
     * The local user moved the pointer, pressed or released a button or pressed a key. Called at most once per
     * check, so up to some tens of times a second while the user goes on.
     */
    default void onLocalActivity() {
    }

    /** The local user pressed Escape (not the remote one): by convention, "give me my computer back". */
    default void onLocalEscape() {
    }
}
