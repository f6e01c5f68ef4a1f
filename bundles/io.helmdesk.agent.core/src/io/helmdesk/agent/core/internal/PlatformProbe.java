package io.helmdesk.agent.core.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.sun.jna.platform.unix.X11;

import io.helmdesk.agent.core.internal.PlatformReport.DisplayInfo;

/** Finds out what computer and graphical session the agent runs in; X11 is asked through JNA. */
final class PlatformProbe {

    private final Map<String, String> environment;

    PlatformProbe(Map<String, String> environment) {
        this.environment = environment;
    }

    PlatformReport probe() {
        return new PlatformReport(System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"), hostName(), System.getProperty("user.name"),
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"), display());
    }

    DisplayInfo display() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return new DisplayInfo("windows", "", List.of(), "Windows desktop");
        }
        if (os.startsWith("mac")) {
            return new DisplayInfo("macos", "", List.of(), "macOS is not supported for capture yet");
        }
        String x11 = environment.getOrDefault("DISPLAY", "");
        String wayland = environment.getOrDefault("WAYLAND_DISPLAY", "");
        if (!x11.isEmpty()) {
            return x11Display(x11, wayland);
        }
        if (!wayland.isEmpty()) {
            return new DisplayInfo("wayland", wayland, List.of(),
                    "Wayland without XWayland: screen capture is not supported yet");
        }
        return new DisplayInfo("none", "", List.of(),
                "no graphical session (DISPLAY is not set): the agent runs, screen capture is unavailable");
    }

    private static DisplayInfo x11Display(String name, String wayland) {
        X11 x11;
        try {
            x11 = X11.INSTANCE;
        } catch (UnsatisfiedLinkError e) {
            return new DisplayInfo("x11", name, List.of(), "libX11 is not installed: " + e.getMessage());
        }
        X11.Display display = x11.XOpenDisplay(name);
        if (display == null) {
            return new DisplayInfo("x11", name, List.of(), "cannot open display " + name
                    + " (is the X server running, and may this user connect to it?)");
        }
        try {
            int screen = x11.XDefaultScreen(display);
            X11.XWindowAttributes root = new X11.XWindowAttributes();
            x11.XGetWindowAttributes(display, x11.XDefaultRootWindow(display), root);
            List<String> screens = new ArrayList<>();
            screens.add(
                    x11.XDisplayWidth(display, screen) + "x" + x11.XDisplayHeight(display, screen) + "x" + root.depth);
            boolean sharedMemory = x11.XQueryExtension(display, "MIT-SHM", new com.sun.jna.ptr.IntByReference(),
                    new com.sun.jna.ptr.IntByReference(), new com.sun.jna.ptr.IntByReference());
            String session = wayland.isEmpty() ? "X11" : "XWayland inside Wayland " + wayland;
            return new DisplayInfo("x11", name, screens,
                    session + (sharedMemory ? ", shared-memory capture available" : ", no MIT-SHM: slower capture"));
        } finally {
            x11.XCloseDisplay(display);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "(unknown host name)";
        }
    }
}
