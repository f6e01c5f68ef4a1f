package io.helmdesk.agent.core.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.message.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.ComputerSystem;
import oshi.hardware.Firmware;
import oshi.hardware.GlobalMemory;
import oshi.hardware.GraphicsCard;
import oshi.hardware.HWDiskStore;
import oshi.hardware.HardwareAbstractionLayer;
import oshi.hardware.NetworkIF;
import oshi.hardware.PowerSource;
import oshi.software.os.OSFileStore;
import oshi.software.os.OSSession;
import oshi.software.os.OperatingSystem;

/**
 * The detailed system information (DEV-7) from OSHI, which reads the operating system's own sources through JNA
 * (/proc, /sys and udev on Linux, WMI and the registry on Windows): processor model, hardware and firmware, disks
 * with their models, network adapters, sessions. Each section stands alone: a source OSHI cannot read (a container
 * without /sys/class/dmi, no udev) leaves its section to the JDK's figures instead of failing the report.
 */
final class HardwareReport {

    private static final int MAX_ENTRIES = 32;
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final Logger logger = LoggerFactory.getLogger(HardwareReport.class);
    private final HardwareAbstractionLayer hardware;
    private final OperatingSystem os;

    private HardwareReport(HardwareAbstractionLayer hardware, OperatingSystem os) {
        this.hardware = hardware;
        this.os = os;
    }

    /** @return empty where OSHI does not support this platform or cannot load */
    static Optional<HardwareReport> open() {
        try {
            oshi.SystemInfo system = new oshi.SystemInfo();
            return Optional.of(new HardwareReport(system.getHardware(), system.getOperatingSystem()));
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(HardwareReport.class).info("No detailed system information on this platform: {}",
                    e.toString());
            return Optional.empty();
        }
    }

    /** A section, or the fallback's when OSHI fails on it (logged once per report at INFO). */
    SystemInfo.Section section(String name, Supplier<SystemInfo.Section> fallback) {
        try {
            List<SystemInfo.Entry> entries = switch (name) {
                case SystemInfo.OS -> operatingSystem();
                case SystemInfo.CPU -> processor();
                case SystemInfo.MEMORY -> memory();
                case SystemInfo.DISKS -> disks();
                case SystemInfo.NETWORK -> network();
                case SystemInfo.HARDWARE -> computer();
                default -> throw new IllegalArgumentException("no section " + name);
            };
            return new SystemInfo.Section(name,
                    entries.size() > MAX_ENTRIES ? entries.subList(0, MAX_ENTRIES) : entries);
        } catch (RuntimeException | LinkageError e) {
            logger.info("System information '{}' from the JDK only: {}", name, e.toString());
            return fallback.get();
        }
    }

    private List<SystemInfo.Entry> operatingSystem() {
        List<SystemInfo.Entry> entries = new ArrayList<>();
        OperatingSystem.OSVersionInfo version = os.getVersionInfo();
        String name = os.getFamily() + " " + version.getVersion()
                + (blank(version.getCodeName()) ? "" : " (" + version.getCodeName() + ")");
        add(entries, "Operating system", name.strip());
        add(entries, "Build", version.getBuildNumber());
        add(entries, "Manufacturer", os.getManufacturer());
        add(entries, "Bits", Integer.toString(os.getBitness()));
        add(entries, "Computer name", os.getNetworkParams().getHostName());
        add(entries, "Domain", os.getNetworkParams().getDomainName());
        add(entries, "Uptime", duration(os.getSystemUptime()));
        add(entries, "Started", MINUTE.format(Instant.ofEpochSecond(os.getSystemBootTime())));
        add(entries, "Processes", Integer.toString(os.getProcessCount()));
        List<String> users = new ArrayList<>();
        for (OSSession session : os.getSessions()) {
            String user = session.getUserName() + " (" + session.getTerminalDevice() + ")";
            if (!users.contains(user)) {
                users.add(user);
            }
        }
        add(entries, "Signed-in users", users.isEmpty() ? "none" : String.join(", ", users));
        return entries;
    }

    private List<SystemInfo.Entry> processor() {
        CentralProcessor processor = hardware.getProcessor();
        List<SystemInfo.Entry> entries = new ArrayList<>();
        add(entries, "Model", processor.getProcessorIdentifier().getName());
        add(entries, "Vendor", processor.getProcessorIdentifier().getVendor());
        add(entries, "Microarchitecture", processor.getProcessorIdentifier().getMicroarchitecture());
        add(entries, "Logical processors", Integer.toString(processor.getLogicalProcessorCount()));
        add(entries, "Cores", Integer.toString(processor.getPhysicalProcessorCount()));
        add(entries, "Packages", Integer.toString(processor.getPhysicalPackageCount()));
        if (processor.getMaxFreq() > 0) {
            add(entries, "Maximum frequency", String.format(Locale.ROOT, "%.2f GHz", processor.getMaxFreq() / 1e9));
        }
        double[] load = processor.getSystemLoadAverage(3);
        if (load[0] >= 0) {
            add(entries, "Load (1, 5, 15 min)", String.format(Locale.ROOT, "%.2f, %.2f, %.2f", load[0], load[1],
                    load[2]));
        }
        double temperature = hardware.getSensors().getCpuTemperature();
        if (temperature > 0) {
            add(entries, "Temperature", String.format(Locale.ROOT, "%.0f °C", temperature));
        }
        return entries;
    }

    private List<SystemInfo.Entry> memory() {
        GlobalMemory memory = hardware.getMemory();
        List<SystemInfo.Entry> entries = new ArrayList<>();
        add(entries, "Total", SystemReport.size(memory.getTotal()));
        add(entries, "Available", SystemReport.size(memory.getAvailable()));
        add(entries, "Swap total", SystemReport.size(memory.getVirtualMemory().getSwapTotal()));
        add(entries, "Swap used", SystemReport.size(memory.getVirtualMemory().getSwapUsed()));
        memory.getPhysicalMemory().forEach(module -> add(entries, "Module " + module.getBankLabel(),
                SystemReport.size(module.getCapacity()) + " " + module.getMemoryType()
                        + (module.getClockSpeed() > 0 ? " " + module.getClockSpeed() / 1_000_000 + " MHz" : "")
                        + (blank(module.getManufacturer()) ? "" : ", " + module.getManufacturer())));
        return entries;
    }

    private List<SystemInfo.Entry> disks() {
        List<SystemInfo.Entry> entries = new ArrayList<>();
        for (HWDiskStore disk : hardware.getDiskStores()) {
            if (disk.getSize() > 0 && !disk.getName().startsWith("/dev/loop")) {
                add(entries, "Disk " + disk.getName(), SystemReport.size(disk.getSize())
                        + (blank(disk.getModel()) ? "" : ", " + disk.getModel().strip())
                        + (blank(disk.getSerial()) ? "" : ", serial " + disk.getSerial().strip()));
            }
        }
        for (OSFileStore store : os.getFileSystem().getFileStores(true)) {
            if (store.getTotalSpace() > 0 && !List.of("tmpfs", "devtmpfs", "overlay", "squashfs").contains(
                    store.getType())) {
                add(entries, store.getMount(), SystemReport.size(store.getUsableSpace()) + " free of "
                        + SystemReport.size(store.getTotalSpace()) + " (" + store.getType() + ")");
            }
        }
        return entries;
    }

    private List<SystemInfo.Entry> network() {
        List<SystemInfo.Entry> entries = new ArrayList<>();
        add(entries, "Default gateway", os.getNetworkParams().getIpv4DefaultGateway());
        add(entries, "DNS servers", String.join(", ", os.getNetworkParams().getDnsServers()));
        for (NetworkIF network : hardware.getNetworkIFs(false)) {
            List<String> addresses = new ArrayList<>(Arrays.asList(network.getIPv4addr()));
            Arrays.stream(network.getIPv6addr()).map(address -> address.replaceAll("%.*$", ""))
                    .forEach(addresses::add);
            String speed = network.getSpeed() > 0 ? ", " + network.getSpeed() / 1_000_000 + " Mbit/s" : "";
            add(entries, network.getName(), (addresses.isEmpty() ? "no address" : String.join(", ", addresses))
                    + (blank(network.getMacaddr()) ? "" : ", MAC " + network.getMacaddr()) + speed
                    + (network.getDisplayName().equals(network.getName())
                            ? ""
                            : " (" + network.getDisplayName() + ")"));
        }
        return entries;
    }

    private List<SystemInfo.Entry> computer() {
        ComputerSystem computer = hardware.getComputerSystem();
        List<SystemInfo.Entry> entries = new ArrayList<>();
        add(entries, "Manufacturer", computer.getManufacturer());
        add(entries, "Model", computer.getModel());
        add(entries, "Serial number", computer.getSerialNumber());
        add(entries, "Hardware UUID", computer.getHardwareUUID());
        add(entries, "Board", join(computer.getBaseboard().getManufacturer(), computer.getBaseboard().getModel(),
                computer.getBaseboard().getVersion()));
        Firmware firmware = computer.getFirmware();
        add(entries, "Firmware", join(firmware.getManufacturer(), firmware.getName(), firmware.getVersion(),
                firmware.getReleaseDate()));
        for (GraphicsCard card : hardware.getGraphicsCards()) {
            add(entries, "Graphics", join(card.getVendor(), card.getName())
                    + (card.getVRam() > 0 ? ", " + SystemReport.size(card.getVRam()) : ""));
        }
        for (PowerSource battery : hardware.getPowerSources()) {
            add(entries, "Battery " + battery.getName(), String.format(Locale.ROOT, "%.0f %%%s",
                    battery.getRemainingCapacityPercent() * 100, battery.isCharging() ? ", charging" : ""));
        }
        return entries;
    }

    /** Adds an entry unless OSHI did not know the value ("unknown", empty). */
    private static void add(List<SystemInfo.Entry> entries, String key, String value) {
        if (!blank(value) && entries.size() < MAX_ENTRIES) {
            // Within the protocol's limits, counted in characters: a few multi-byte ones make no difference here.
            entries.add(new SystemInfo.Entry(cut(key.strip(), 120), cut(value.strip(), 1000)));
        }
    }

    private static String cut(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static String join(String... parts) {
        return String.join(" ", Arrays.stream(parts).filter(part -> !blank(part)).map(String::strip).toList());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank() || value.strip().equalsIgnoreCase("unknown")
                || value.strip().equalsIgnoreCase("default string");
    }

    private static String duration(long seconds) {
        return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h " + seconds % 3600 / 60 + " min";
    }
}
