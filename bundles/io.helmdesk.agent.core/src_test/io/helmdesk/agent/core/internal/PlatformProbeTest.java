package io.helmdesk.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.helmdesk.agent.core.internal.PlatformReport.DisplayInfo;

/** The probe's decisions that need no X server; the X11 path runs against Xvfb in the system tests. */
class PlatformProbeTest {

    @Test
    void noGraphicalSessionIsReportedAsSuch() {
        DisplayInfo display = new PlatformProbe(Map.of()).display();
        assertEquals("none", display.kind());
        assertTrue(display.note().contains("DISPLAY is not set"), display.note());
    }

    @Test
    void waylandWithoutXWaylandIsNamed() {
        DisplayInfo display = new PlatformProbe(Map.of("WAYLAND_DISPLAY", "wayland-0")).display();
        assertEquals("wayland", display.kind());
        assertEquals("wayland-0", display.name());
    }

    @Test
    void anX11DisplayThatDoesNotAnswerIsExplained() {
        DisplayInfo display = new PlatformProbe(Map.of("DISPLAY", ":987")).display();
        assertEquals("x11", display.kind());
        assertTrue(display.note().contains("cannot open display :987") || display.note().contains("libX11"),
                display.note());
    }

    @Test
    void reportNamesTheOperatingSystemAndJava() {
        PlatformReport report = new PlatformProbe(Map.of()).probe();
        assertTrue(report.describe().get(0).startsWith("Operating system: " + System.getProperty("os.name")));
        assertTrue(report.processors() > 0);
    }
}
