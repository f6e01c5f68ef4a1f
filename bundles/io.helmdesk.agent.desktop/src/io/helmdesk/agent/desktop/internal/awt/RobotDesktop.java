package io.helmdesk.agent.desktop.internal.awt;

import java.awt.AWTError;
import java.awt.AWTException;
import java.awt.GraphicsEnvironment;
import java.awt.Robot;

import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.internal.InjectedInput;
import io.helmdesk.agent.desktop.internal.PlatformDesktopSession;

/** Opens the desktop through {@code java.awt.Robot}: slow, layout-dependent, blind to local keys (see its parts). */
public final class RobotDesktop {

    private RobotDesktop() {
    }

    public static DesktopSession open() throws DesktopUnavailableException {
        if (GraphicsEnvironment.isHeadless()) {
            throw new DesktopUnavailableException("Java runs headless here: no screen to capture through AWT");
        }
        Robot robot;
        try {
            robot = new Robot();
        } catch (AWTException | AWTError | SecurityException e) { // AWTError: the display refused AWT's connection
            throw new DesktopUnavailableException("java.awt.Robot is not available: " + e.getMessage(), e);
        }
        InjectedInput injected = new InjectedInput();
        return new PlatformDesktopSession("java.awt.Robot (no damage, no cursor shape, layout-dependent keys)",
                new RobotScreenSource(robot), new RobotInputSink(robot, injected), new AwtLocalInputMonitor(injected));
    }
}
