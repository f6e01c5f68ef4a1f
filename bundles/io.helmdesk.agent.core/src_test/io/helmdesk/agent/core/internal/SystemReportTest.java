package io.helmdesk.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.SystemInfo;

/** The system information an agent reports, read on this Linux machine through OSHI, as the server gets it. */
class SystemReportTest {

    private final SystemInfo report = SystemReport.collect(new PlatformProbe(Map.of()).probe());

    @Test
    void everySectionIsThereInItsOrder() {
        assertEquals(List.of(SystemInfo.OS, SystemInfo.CPU, SystemInfo.MEMORY, SystemInfo.DISKS, SystemInfo.NETWORK,
                SystemInfo.HARDWARE), report.sections().stream().map(SystemInfo.Section::name).toList());
    }

    @Test
    void theProcessorIsNamedAsTheKernelNamesIt() throws Exception {
        // What OSHI reads on Linux, compared with the source itself.
        String modelName = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                .filter(line -> line.startsWith("model name")).findFirst()
                .map(line -> line.substring(line.indexOf(':') + 1).strip()).orElseThrow();
        assertEquals(Optional.of(modelName), value(SystemInfo.CPU, "Model"));
        assertEquals(Optional.of(Integer.toString(Runtime.getRuntime().availableProcessors())),
                value(SystemInfo.CPU, "Logical processors"));
    }

    @Test
    void operatingSystemUptimeMemoryAndDisksComeFromTheSystem() throws Exception {
        String prettyName = Files.readAllLines(Path.of("/etc/os-release")).stream()
                .filter(line -> line.startsWith("VERSION_ID=")).findFirst()
                .map(line -> line.substring(line.indexOf('=') + 1).replace("\"", "")).orElseThrow();
        assertTrue(value(SystemInfo.OS, "Operating system").orElseThrow().contains(prettyName),
                report.sections().get(0).toString());
        assertTrue(value(SystemInfo.OS, "Uptime").orElseThrow().matches("\\d+ d \\d+ h \\d+ min"));
        assertTrue(value(SystemInfo.OS, "Agent account").isPresent(), "the agent's own facts are kept");
        long totalKib = Files.readAllLines(Path.of("/proc/meminfo")).stream()
                .filter(line -> line.startsWith("MemTotal:")).map(line -> line.replaceAll("\\D", "")).findFirst()
                .map(Long::parseLong).orElseThrow();
        assertEquals(Optional.of(SystemReport.size(totalKib * 1024)), value(SystemInfo.MEMORY, "Total"));
        SystemInfo.Section disks = section(SystemInfo.DISKS);
        assertTrue(disks.entries().stream().anyMatch(entry -> entry.value().contains(" free of ")), disks.toString());
    }

    @Test
    void nothingUnknownOrEmptyIsReported() {
        for (SystemInfo.Section section : report.sections()) {
            for (SystemInfo.Entry entry : section.entries()) {
                assertFalse(entry.value().isBlank(), section.name() + ": " + entry);
                assertFalse(entry.value().equalsIgnoreCase("unknown") && !entry.key().equals("Screens"),
                        section.name() + ": " + entry);
            }
        }
    }

    private SystemInfo.Section section(String name) {
        return report.sections().stream().filter(section -> section.name().equals(name)).findFirst().orElseThrow();
    }

    private Optional<String> value(String sectionName, String key) {
        return section(sectionName).entries().stream().filter(entry -> entry.key().equals(key))
                .map(SystemInfo.Entry::value).findFirst();
    }
}
