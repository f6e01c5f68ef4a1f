package io.helmdesk.rest.internal;

import java.lang.management.ManagementFactory;
import java.time.Instant;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/** The server's version and when its process started. */
@Component(service = ServerInfo.class)
public class ServerInfo {

    /** Framework property with the product version, set by the launch script; the bundle version otherwise. */
    static final String VERSION_PROPERTY = "helmdesk.version";

    private final String version;
    private final Instant startedAt;

    @Activate
    public ServerInfo(BundleContext context) {
        String configured = context.getProperty(VERSION_PROPERTY);
        version = configured != null && !configured.isBlank()
                ? configured
                : context.getBundle().getVersion().toString();
        startedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    public String version() {
        return version;
    }

    public Instant startedAt() {
        return startedAt;
    }
}
