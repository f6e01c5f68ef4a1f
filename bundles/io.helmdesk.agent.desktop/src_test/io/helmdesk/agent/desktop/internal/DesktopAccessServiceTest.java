package io.helmdesk.agent.desktop.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.ScreenFrame;
import io.helmdesk.agent.desktop.internal.x11.XvfbServer;

class DesktopAccessServiceTest {

    @Test
    void choosesX11WhenDisplayNamesOne() throws Exception {
        try (XvfbServer xvfb = XvfbServer.start(1024, 768)) {
            DesktopAccessService access = new DesktopAccessService(Map.of("DISPLAY", xvfb.display()), "Linux");
            try (DesktopSession session = access.open()) {
                assertTrue(session.description().startsWith("X11 " + xvfb.display() + " (MIT-SHM, DAMAGE"),
                        session.description());
                ScreenFrame frame = session.screen().capture();
                assertEquals(1024, frame.width());
                assertEquals(768, frame.height());
            }
        }
    }
}
