package io.helmdesk.agent.desktop;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The desktop opened for one remote session; closing it releases every key and button the session holds and every
 * native resource. Its three parts know each other: the monitor ignores what this session's sink injected.
 */
@ProviderType
public interface DesktopSession extends AutoCloseable {

    /** What this session uses, for logs: {@code "X11 :0 (MIT-SHM, DAMAGE, XFIXES, RANDR)"}. */
    String description();

    ScreenSource screen();

    InputSink input();

    LocalInputMonitor localInput();

    /** Stops the monitor, releases the sink's keys and buttons and closes all three. */
    @Override
    void close();
}
