package io.helmdesk.devices.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.AttemptLimits;
import io.helmdesk.auth.api.AuthenticationService;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.store.api.DeviceRepository;
import io.helmdesk.store.api.EnrollmentTokenRepository;
import io.helmdesk.transport.Connection;
import io.helmdesk.transport.ConnectionHandler;
import io.helmdesk.transport.ServerIdentity;
import io.helmdesk.transport.ServerSettings;
import io.helmdesk.transport.TransportServer;

/**
 * The TLS port agents stay connected to. Its certificate is self-signed and kept in {@code <data>/keys/gateway.p12},
 * so its fingerprint (the pin agents check) never changes; the messages of each connection are handled in order, on
 * a small pool, never on the network threads.
 */
@Component(service = AgentGateway.class, configurationPid = GatewayConfiguration.PID, immediate = true, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = GatewayConfiguration.class)
public class AgentGateway implements ConnectionHandler {

    private final Logger logger = LoggerFactory.getLogger(AgentGateway.class);
    private final DeviceRegistry registry;
    private final DeviceRepository devices;
    private final EnrollmentTokenRepository tokens;
    private final AuthenticationService authentication;
    private final AttemptLimits limits;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService handshakes = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("agent-messages-", 0).daemon().factory());
    private final ServerIdentity identity;
    private final TransportServer server;
    private final String publicHost;
    private final Optional<String> publicUrl;
    private final int heartbeatSeconds;

    @Activate
    public AgentGateway(BundleContext context, GatewayConfiguration configuration, @Reference DeviceRegistry registry,
            @Reference DeviceRepository devices, @Reference EnrollmentTokenRepository tokens,
            @Reference AuthenticationService authentication, @Reference AttemptLimits limits) throws IOException {
        this.registry = registry;
        this.devices = devices;
        this.tokens = tokens;
        this.authentication = authentication;
        this.limits = limits;
        this.heartbeatSeconds = Math.max(5, configuration.heartbeat_interval_seconds());
        this.publicHost = configuration.public_host().isBlank() ? localHostName() : configuration.public_host().strip();
        this.publicUrl = publicUrl(configuration.public_url());
        List<String> names = new ArrayList<>(List.of(publicHost));
        if (!names.contains("localhost")) {
            names.add("localhost");
        }
        this.identity = ServerIdentity.loadOrCreate(DataFolder.of(context).resolve("keys/gateway.p12"), names);
        int port = configuration.agent_port() >= 0
                ? configuration.agent_port()
                : Integer.parseInt(Objects.requireNonNullElse(context.getProperty("helmdesk.agent.port"), "7443"));
        ServerSettings defaults = ServerSettings.defaults(new InetSocketAddress(configuration.agent_bind(), port));
        // Silent for three heartbeats (and a margin): the agent is gone.
        ServerSettings settings = new ServerSettings(defaults.bind(), defaults.handshakeTimeout(),
                Duration.ofSeconds(heartbeatSeconds * 3L + 5), defaults.maxPayloadBeforeAuthentication(),
                defaults.maxQueuedBytesPerConnection(), defaults.ioThreads());
        this.server = TransportServer.start(settings, identity.serverContext(), this);
        logger.info("Agents connect to {}:{} (TLS, certificate fingerprint SHA-256 {})", publicHost, port(), pin());
    }

    @Deactivate
    void stop() throws InterruptedException {
        server.close();
        handshakes.shutdown();
        handshakes.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** The port agents connect to. */
    public int port() {
        return server.address().getPort();
    }

    /** The host name agents use, as configured or this host's name. */
    public String publicHost() {
        return publicHost;
    }

    private Optional<String> publicUrl(String configured) {
        String url = configured.strip().replaceAll("/+$", "");
        if (url.isEmpty()) {
            return Optional.empty();
        }
        if (!url.matches("(?i)https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
            logger.warn("public.url '{}' in etc/{}.cfg is not a web address such as https://helmdesk.example.org: "
                    + "downloaded agents get the address they were downloaded through", url, GatewayConfiguration.PID);
            return Optional.empty();
        }
        return Optional.of(url);
    }

    /** The server's web address as configured ({@code public.url}), for downloaded agents' sign-in. */
    public Optional<String> publicUrl() {
        return publicUrl;
    }

    /** The fingerprint agents pin: SHA-256 of the gateway's certificate. */
    public String pin() {
        return identity.pin();
    }

    @Override
    public void opened(Connection connection) {
        connection.attach(new Ordered(new AgentSession(this, connection, random)));
    }

    @Override
    public void received(Connection connection, Message message) {
        if (!(connection.attachment() instanceof Ordered ordered)) {
            return;
        }
        if (message instanceof Heartbeat heartbeat) {
            ordered.session.heartbeat(heartbeat);
            return;
        }
        ordered.then(() -> ordered.session.handle(message), handshakes);
    }

    @Override
    public void closed(Connection connection, String reason) {
        if (connection.attachment() instanceof Ordered ordered && ordered.session.authenticated()) {
            registry.disconnected(ordered.session.deviceId(), connection, reason);
        } else {
            logger.debug("Agent connection {} closed before authentication: {}", connection.id(), reason);
        }
    }

    DeviceRegistry registry() {
        return registry;
    }

    DeviceRepository devices() {
        return devices;
    }

    EnrollmentTokenRepository tokens() {
        return tokens;
    }

    AuthenticationService authentication() {
        return authentication;
    }

    AttemptLimits limits() {
        return limits;
    }

    int heartbeatSeconds() {
        return heartbeatSeconds;
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    /** A session and the chain that runs its messages one after the other. */
    private static final class Ordered {

        final AgentSession session;
        private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);

        Ordered(AgentSession session) {
            this.session = session;
        }

        synchronized void then(Runnable work, ExecutorService executor) {
            tail = tail.thenRunAsync(work, executor);
        }
    }
}
