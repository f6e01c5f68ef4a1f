package io.helmdesk.devices.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The agent distributions the server hands out (DEV-1, DEV-2): the Linux archive shipped in {@code <install>/agents},
 * re-packed with an {@code etc/io.helmdesk.agent.cfg} that names this server, pins its certificate and, if asked,
 * carries an enrollment token; and the same files as a Windows zip with the {@code .cmd} launcher.
 */
@Component(service = AgentDownloads.class)
public class AgentDownloads {

    static final String LINUX_ARCHIVE = "helmdesk-agent-linux.tar.gz";
    private static final String CONFIGURATION = "helmdesk-agent/etc/io.helmdesk.agent.cfg";

    /** A platform the server can hand an agent out for. */
    public enum Platform {

        LINUX("linux", "helmdesk-agent-linux.tar.gz", "application/gzip"), WINDOWS("windows",
                "helmdesk-agent-windows.zip", "application/zip");

        final String id;
        final String fileName;
        final String mediaType;

        Platform(String id, String fileName, String mediaType) {
            this.id = id;
            this.fileName = fileName;
            this.mediaType = mediaType;
        }

        public String id() {
            return id;
        }

        public String fileName() {
            return fileName;
        }

        public String mediaType() {
            return mediaType;
        }

        public static Optional<Platform> of(String id) {
            for (Platform platform : values()) {
                if (platform.id.equals(id)) {
                    return Optional.of(platform);
                }
            }
            return Optional.empty();
        }
    }

    private final Optional<Path> linuxArchive;

    @Activate
    public AgentDownloads(BundleContext context) {
        String home = context.getProperty("helmdesk.home");
        this.linuxArchive = Optional.ofNullable(home).map(h -> Path.of(h, "agents", LINUX_ARCHIVE))
                .filter(Files::isRegularFile);
    }

    /** The platforms this installation has an agent for: none without the shipped archive. */
    public List<Platform> platforms() {
        return linuxArchive.isPresent() ? List.of(Platform.values()) : List.of();
    }

    /**
     * The distribution for a platform with this configuration.
     *
     * @throws IllegalStateException if this installation ships no agent
     */
    public byte[] build(Platform platform, String configuration) throws IOException {
        Path source = linuxArchive.orElseThrow(() -> new IllegalStateException(
                "This server installation has no agent distribution (agents/" + LINUX_ARCHIVE + ")"));
        List<Tar.Entry> entries;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(source))) {
            entries = Tar.read(in);
        }
        List<Tar.Entry> configured = new ArrayList<>();
        boolean replaced = false;
        for (Tar.Entry entry : entries) {
            if (entry.name().equals(CONFIGURATION)) {
                configured.add(new Tar.Entry(entry.name(), 0100600, System.currentTimeMillis() / 1000, false,
                        configuration.getBytes(StandardCharsets.UTF_8)));
                replaced = true;
            } else {
                configured.add(entry);
            }
        }
        if (!replaced) {
            throw new IOException("The shipped agent has no " + CONFIGURATION);
        }
        return platform == Platform.LINUX ? tarGz(configured) : zip(configured);
    }

    private static byte[] tarGz(List<Tar.Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            Tar.write(entries, gzip);
        }
        return bytes.toByteArray();
    }

    /** Windows: the same files, the shell scripts left out, text files with CRLF line ends. */
    private static byte[] zip(List<Tar.Entry> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Tar.Entry entry : entries) {
                String name = entry.name();
                if (name.startsWith("helmdesk-agent/bin/") && !name.endsWith(".cmd") && !entry.directory()) {
                    continue;
                }
                ZipEntry zipped = new ZipEntry(entry.directory() && !name.endsWith("/") ? name + "/" : name);
                zipped.setTime(entry.modified() * 1000);
                zip.putNextEntry(zipped);
                byte[] content = entry.content();
                if (name.endsWith(".cmd") || name.endsWith(".cfg") || name.endsWith(".properties")) {
                    content = new String(content, StandardCharsets.UTF_8).replace("\r\n", "\n").replace("\n", "\r\n")
                            .getBytes(StandardCharsets.UTF_8);
                }
                zip.write(content);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
