package io.helmdesk.agent.desktop;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Captures the whole virtual screen (every monitor) and the pointer. Calls may come from any thread but must not
 * overlap; implementations serialise them.
 */
@ProviderType
public interface ScreenSource extends AutoCloseable {

    /** The monitors now, in the coordinates of the captured picture. */
    List<Monitor> monitors();

    /** The virtual screen's width as of the latest {@link #capture()} (or opening, before the first one). */
    int width();

    /** The virtual screen's height as of the latest {@link #capture()} (or opening, before the first one). */
    int height();

    /**
     * Captures the screen into the source's buffer and tells what changed since the previous capture. When the screen
     * was resized the source takes a buffer of the new size and the frame says {@link ScreenFrame#resized()}.
     *
     * @throws DesktopLostException if the display went away (the user logged out, the X server ended)
     */
    ScreenFrame capture();

    /**
     * The pointer's shape and position, or empty where the platform cannot tell the shape ({@code java.awt.Robot}).
     *
     * @throws DesktopLostException if the display went away
     */
    Optional<CursorImage> cursor();

    /**
     * Waits until the screen may have changed, at most {@code timeoutNanos}. A source told of changes (X11 with DAMAGE)
     * returns as soon as something was drawn and otherwise sleeps the whole time; one that is not just sleeps. Call
     * from the capturing thread.
     */
    default void awaitChange(long timeoutNanos) {
        LockSupport.parkNanos(timeoutNanos);
    }

    /** Frees the buffer: frames of this source must not be read afterwards. */
    @Override
    void close();
}
