package io.helmdesk.agent.desktop;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells local input from what the session's {@link InputSink} injected. X11 compares the pointer and keyboard state
 * 50 times a second with what the sink did: input shorter than that between two checks, and a key or button pressed
 * locally while the sink holds the same one down, go unseen. Windows asks low-level hooks whether an event was
 * injected: input other programs inject counts as the sink's. The {@code java.awt.Robot} fallback sees local pointer
 * moves only, never Escape.
 */
@ProviderType
public interface LocalInputMonitor extends AutoCloseable {

    /**
     * Starts watching on the monitor's own thread and reports to {@code listener} until {@link #close()}.
     *
     * @throws IllegalStateException if already started or closed
     */
    void start(LocalInputListener listener);

    /** Stops watching; waits for the monitor's thread, so no call to the listener follows. */
    @Override
    void close();
}
