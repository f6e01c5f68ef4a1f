package io.helmdesk.agent.core.internal;

import java.util.List;

/**
 * What the agent found about the computer it runs on, once at start.
 *
 * @param os operating system name and version
 * @param architecture CPU architecture
 * @param hostName the computer's name
 * @param user the account the agent runs as
 * @param processors logical processors
 * @param java the Java runtime
 * @param display the graphical session the agent can see, or why there is none
 */
record PlatformReport(String os, String architecture, String hostName, String user, int processors, String java,
        DisplayInfo display) {

    /**
     * The graphical session.
     *
     * @param kind "x11", "wayland", "windows", "macos" or "none"
     * @param name the display name, e.g. ":0"; empty when none
     * @param screens the screens' sizes as WIDTHxHEIGHTxDEPTH; empty when unknown
     * @param note why capture is or is not possible, for the log
     */
    record DisplayInfo(String kind, String name, List<String> screens, String note) {
    }

    List<String> describe() {
        return List.of("Operating system: " + os + " (" + architecture + ")",
                "Computer: " + hostName + ", user " + user,
                "Processors: " + processors, "Java: " + java,
                "Display: " + display.kind() + (display.name().isEmpty() ? "" : " " + display.name())
                        + (display.screens().isEmpty() ? "" : ", screens " + String.join(", ", display.screens()))
                        + " — " + display.note());
    }
}
