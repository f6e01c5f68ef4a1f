package io.helmdesk.agent.desktop.internal;

import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.desktop.DesktopAccess;
import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.internal.awt.RobotDesktop;
import io.helmdesk.agent.desktop.internal.windows.WindowsDesktop;
import io.helmdesk.agent.desktop.internal.x11.X11Desktop;

/**
 * Chooses how to reach this computer's desktop, each time a session opens it (the user may have logged in since):
 * Windows on Windows; X11 when {@code DISPLAY} is set and the X libraries load; else {@code java.awt.Robot}.
 */
@Component(service = DesktopAccess.class)
public class DesktopAccessService implements DesktopAccess {

    private final Logger logger = LoggerFactory.getLogger(DesktopAccessService.class);
    private final Map<String, String> environment;
    private final String operatingSystem;

    @Activate
    public DesktopAccessService() {
        this(System.getenv(), System.getProperty("os.name"));
    }

    DesktopAccessService(Map<String, String> environment, String operatingSystem) {
        this.environment = environment;
        this.operatingSystem = operatingSystem.toLowerCase(Locale.ROOT);
    }

    @Override
    public DesktopSession open() throws DesktopUnavailableException {
        if (operatingSystem.startsWith("windows")) {
            return WindowsDesktop.open();
        }
        String display = environment.getOrDefault("DISPLAY", "");
        if (display.isEmpty()) {
            return robot("DISPLAY is not set");
        }
        try {
            DesktopSession session = X11Desktop.open(display);
            logger.info("Desktop opened: {}", session.description());
            return session;
        } catch (DesktopUnavailableException e) {
            return robot("X11 is not usable: " + e.getMessage());
        }
    }

    private DesktopSession robot(String why) throws DesktopUnavailableException {
        try {
            DesktopSession session = RobotDesktop.open();
            logger.info("Desktop opened through java.awt.Robot ({})", why);
            return session;
        } catch (DesktopUnavailableException e) {
            throw new DesktopUnavailableException(why + "; " + e.getMessage(), e);
        }
    }
}
