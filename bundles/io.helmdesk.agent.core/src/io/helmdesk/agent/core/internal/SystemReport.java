package io.helmdesk.agent.core.internal;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.file.FileStore;
import java.nio.file.FileSystems;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.helmdesk.protocol.message.SystemInfo;

/**
 * What the agent tells the server about its computer (DEV-7): operating system, CPU, memory, disks, network, hardware
 * and the display; from OSHI ({@link HardwareReport}) where it can read them, else from the JDK's own views.
 */
final class SystemReport {

    private SystemReport() {
    }

    static SystemInfo collect(PlatformReport platform) {
        Optional<HardwareReport> detailed = HardwareReport.open();
        List<SystemInfo.Section> sections = new ArrayList<>();
        sections.add(merged(detailed, SystemInfo.OS,
                () -> section(SystemInfo.OS, "Operating system", platform.os(), "Computer name", platform.hostName(),
                        "Uptime", uptime()),
                "Architecture", platform.architecture(), "Agent account", platform.user(), "Java", platform.java()));
        sections.add(merged(detailed, SystemInfo.CPU,
                () -> section(SystemInfo.CPU, "Logical processors", Integer.toString(platform.processors()),
                        "Load (1 min)", String.format(Locale.ROOT, "%.2f",
                                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()))));
        sections.add(merged(detailed, SystemInfo.MEMORY, SystemReport::memory));
        sections.add(merged(detailed, SystemInfo.DISKS, SystemReport::disks));
        sections.add(merged(detailed, SystemInfo.NETWORK, SystemReport::network));
        sections.add(merged(detailed, SystemInfo.HARDWARE, () -> section(SystemInfo.HARDWARE), "Display",
                platform.display().kind()
                        + (platform.display().name().isEmpty() ? "" : " " + platform.display().name()),
                "Screens", platform.display().screens().isEmpty()
                        ? "unknown"
                        : String.join(", ", platform.display().screens())));
        return new SystemInfo(sections);
    }

    /**
     * A section from OSHI where it can read it, else from the JDK, then the agent's own facts (its account, Java, the
     * display it sees) where the section does not have them yet.
     */
    private static SystemInfo.Section merged(Optional<HardwareReport> detailed, String name,
            Supplier<SystemInfo.Section> fallback, String... extraKeysAndValues) {
        SystemInfo.Section base = detailed.map(report -> report.section(name, fallback)).orElseGet(fallback);
        List<SystemInfo.Entry> entries = new ArrayList<>(base.entries());
        for (SystemInfo.Entry extra : section(name, extraKeysAndValues).entries()) {
            if (entries.stream().noneMatch(entry -> entry.key().equals(extra.key()))) {
                entries.add(extra);
            }
        }
        return new SystemInfo.Section(name, entries);
    }

    private static String uptime() {
        try {
            String seconds = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/uptime")).split(" ")[0];
            Duration up = Duration.ofSeconds((long) Double.parseDouble(seconds));
            return up.toDays() + " d " + up.toHoursPart() + " h " + up.toMinutesPart() + " min";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** The JDK's memory figures, reached through the platform class loader (bundles do not see com.sun.*). */
    private static SystemInfo.Section memory() {
        try {
            Class<?> bean = Class.forName("com.sun.management.OperatingSystemMXBean", false,
                    ClassLoader.getPlatformClassLoader());
            Object os = ManagementFactory.getOperatingSystemMXBean();
            if (bean.isInstance(os)) {
                return section(SystemInfo.MEMORY, "Total", size((Long) bean.getMethod("getTotalMemorySize").invoke(os)),
                        "Free", size((Long) bean.getMethod("getFreeMemorySize").invoke(os)), "Swap total",
                        size((Long) bean.getMethod("getTotalSwapSpaceSize").invoke(os)));
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // a JDK without these figures
        }
        return section(SystemInfo.MEMORY, "Total", "unknown");
    }

    private static SystemInfo.Section disks() {
        List<SystemInfo.Entry> entries = new ArrayList<>();
        for (FileStore store : FileSystems.getDefault().getFileStores()) {
            try {
                if (store.getTotalSpace() > 0 && !store.isReadOnly() && entries.size() < 32
                        && !List.of("tmpfs", "devtmpfs", "proc", "sysfs", "overlay").contains(store.type())) {
                    entries.add(new SystemInfo.Entry(store.toString(), size(store.getUsableSpace()) + " free of "
                            + size(store.getTotalSpace()) + " (" + store.type() + ")"));
                }
            } catch (IOException e) {
                // a store that vanished or cannot be read: not listed
            }
        }
        return new SystemInfo.Section(SystemInfo.DISKS, entries);
    }

    private static SystemInfo.Section network() {
        List<SystemInfo.Entry> entries = new ArrayList<>();
        try {
            for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (network.isLoopback() || !network.isUp() || entries.size() >= 32) {
                    continue;
                }
                List<String> addresses = new ArrayList<>();
                for (InetAddress address : Collections.list(network.getInetAddresses())) {
                    addresses.add(address.getHostAddress().replaceAll("%.*$", ""));
                }
                byte[] mac = network.getHardwareAddress();
                String hardware = mac == null ? "" : " MAC " + java.util.HexFormat.ofDelimiter(":").formatHex(mac);
                entries.add(new SystemInfo.Entry(network.getName(), String.join(", ", addresses) + hardware));
            }
        } catch (SocketException e) {
            entries.add(new SystemInfo.Entry("error", e.getMessage() == null ? "unreadable" : e.getMessage()));
        }
        return new SystemInfo.Section(SystemInfo.NETWORK, entries);
    }

    private static SystemInfo.Section section(String name, String... keysAndValues) {
        List<SystemInfo.Entry> entries = new ArrayList<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            entries.add(
                    new SystemInfo.Entry(keysAndValues[i], keysAndValues[i + 1] == null ? "" : keysAndValues[i + 1]));
        }
        return new SystemInfo.Section(name, entries);
    }

    static String size(long bytes) {
        if (bytes <= 0) {
            return "0";
        }
        double gib = bytes / (1024.0 * 1024 * 1024);
        return gib >= 1
                ? String.format(Locale.ROOT, "%.1f GiB", gib)
                : String.format(Locale.ROOT, "%d MiB", bytes / (1024 * 1024));
    }
}
