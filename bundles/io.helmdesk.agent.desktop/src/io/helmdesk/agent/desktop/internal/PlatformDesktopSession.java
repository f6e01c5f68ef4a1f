package io.helmdesk.agent.desktop.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.LocalInputMonitor;
import io.helmdesk.agent.desktop.ScreenSource;

/**
 * The three parts of a desktop, closed together: the monitor first (so the sink's last releases are not taken for the
 * local user), then the sink (which releases what it holds), then the screen.
 */
public final class PlatformDesktopSession implements DesktopSession {

    private final Logger logger = LoggerFactory.getLogger(PlatformDesktopSession.class);
    private final String description;
    private final ScreenSource screen;
    private final InputSink input;
    private final LocalInputMonitor localInput;

    public PlatformDesktopSession(String description, ScreenSource screen, InputSink input,
            LocalInputMonitor localInput) {
        this.description = description;
        this.screen = screen;
        this.input = input;
        this.localInput = localInput;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public ScreenSource screen() {
        return screen;
    }

    @Override
    public InputSink input() {
        return input;
    }

    @Override
    public LocalInputMonitor localInput() {
        return localInput;
    }

    @Override
    public void close() {
        closeLogging(localInput);
        closeLogging(input);
        closeLogging(screen);
    }

    private void closeLogging(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            logger.warn("Closing the {} of desktop session {} failed", part.getClass().getSimpleName(), description,
                    e);
        }
    }

    @Override
    public String toString() {
        return description;
    }
}
