package io.helmdesk.agent.core.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.api.AgentCommandHandler;
import io.helmdesk.agent.api.ControlChannel;
import io.helmdesk.protocol.message.Authenticate;
import io.helmdesk.protocol.message.Authenticated;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.Challenge;
import io.helmdesk.protocol.message.Command;
import io.helmdesk.protocol.message.CommandResult;
import io.helmdesk.protocol.message.Enroll;
import io.helmdesk.protocol.message.EnrollResult;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Hello;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.protocol.message.Welcome;
import io.helmdesk.transport.Backoff;
import io.helmdesk.transport.ClientSettings;
import io.helmdesk.transport.Connection;
import io.helmdesk.transport.ConnectionHandler;
import io.helmdesk.transport.PinnedTrust;
import io.helmdesk.transport.Reconnector;

/**
 * The agent's control connection (DEV-1, DEV-2): kept up with backoff, to the one server whose certificate is
 * pinned; enrolls with the configured token when the computer has no device id yet, or with the session of a person
 * who signs in on the agent's window ({@link AgentLink}); answers the server's challenge with the agent's private key,
 * then reports status, system information and a preview once a minute.
 */
@Component(immediate = true, service = {AgentLink.class,
        ControlChannel.class}, configurationPid = AgentConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class ServerLink implements ConnectionHandler, AgentLink, ControlChannel {

    static final long PREVIEW_SECONDS = 60;
    /** How often failed connection attempts are looked for: the reconnector reports only connections it made. */
    static final long WATCH_SECONDS = 2;

    private final Logger logger = LoggerFactory.getLogger(ServerLink.class);
    private final AgentIdentity identity;
    private final PlatformReport platform;
    private final GatewayAddress server;
    private final SSLContext tls;
    private final String enrollmentToken;
    private final String deviceName;
    private final String version;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("agent-reports").daemon().factory());
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final BundleContext context;
    private volatile int sessionsRunning;
    private volatile String connectionId = "";
    private volatile String deviceId;
    private volatile boolean previewsEnabled = true;
    private volatile String displayName;
    private volatile String account;
    // Guarded by this:
    private Reconnector reconnector;
    private boolean connecting;
    private boolean closing;
    private boolean tokenRefused;
    private Connection current;
    private Connection awaitingEnrollment;
    private PendingEnrollment pending;
    private LinkState.Phase phase = LinkState.Phase.CONNECTING;
    private String detail = "";
    private ScheduledFuture<?> previews;

    @Activate
    public ServerLink(BundleContext context, AgentConfiguration configuration) throws IOException {
        this.context = context;
        GatewayAddress address;
        String pin;
        try {
            address = GatewayAddress.parse(configuration.server_address());
            pin = ServerPin.check(configuration.server_pin());
        } catch (IllegalArgumentException e) {
            // AgentStartup reports it and stops the agent.
            throw new IllegalStateException("no usable server address or pin: " + e.getMessage(), e);
        }
        Path data = Path.of(Objects.requireNonNullElse(context.getProperty("helmdesk.data"), "."));
        this.identity = AgentIdentity.loadOrCreate(data.resolve("identity"));
        this.platform = new PlatformProbe(System.getenv()).probe();
        this.enrollmentToken = configuration._enrollment_token().strip();
        this.deviceName = configuration.device_name().isBlank() ? platform.hostName() : configuration.device_name();
        this.version = context.getBundle().getVersion().toString();
        this.deviceId = identity.deviceId().orElse("");
        this.account = deviceId.isEmpty() ? "" : identity.account().orElse("");
        this.displayName = deviceId.isEmpty() ? deviceName : identity.displayName().orElse(deviceName);
        this.server = address;
        this.tls = PinnedTrust.clientContext(pin);
        if (deviceId.isEmpty() && enrollmentToken.isEmpty()) {
            logger.info("This computer is in no account and has no enrollment token: it connects, and joins an "
                    + "account when someone signs in on the agent's window (or with enrollment.token in etc/{}.cfg)",
                    AgentConfiguration.PID);
        }
        startConnecting();
        timer.scheduleWithFixedDelay(this::watch, WATCH_SECONDS, WATCH_SECONDS, TimeUnit.SECONDS);
        logger.info("Connecting to {} as {}", server, deviceId.isEmpty() ? "a new computer" : "device " + deviceId);
    }

    @Deactivate
    void stop() {
        Reconnector last;
        PendingEnrollment unanswered;
        synchronized (this) {
            closing = true;
            connecting = false;
            last = reconnector;
            unanswered = pending;
        }
        last.close();
        timer.shutdownNow();
        if (unanswered != null) {
            unanswered.result.cancel(false);
        }
    }

    @Override
    public LinkState state() {
        synchronized (this) {
            return new LinkState(phase, detail, server.toString(), deviceId, account, displayName);
        }
    }

    @Override
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public CompletableFuture<EnrollResult> enrollWithSession(String sessionToken, String account) {
        PendingEnrollment request = new PendingEnrollment(Objects.requireNonNull(sessionToken, "sessionToken"),
                Objects.requireNonNull(account, "account"));
        Connection sendNow = null;
        boolean restart;
        synchronized (this) {
            if (!deviceId.isEmpty()) {
                throw new IllegalStateException("This computer is already in an account");
            }
            if (closing) {
                throw new IllegalStateException("The agent is stopping");
            }
            if (pending != null) {
                pending.result.cancel(false); // an older sign-in nobody waits for any more
            }
            pending = request;
            if (awaitingEnrollment != null && awaitingEnrollment.isOpen()) {
                sendNow = awaitingEnrollment;
                awaitingEnrollment = null;
                request.sentOn = sendNow;
            }
            restart = !connecting && !closing;
        }
        request.result.whenComplete((result, failure) -> {
            synchronized (this) {
                if (pending == request) {
                    pending = null;
                }
            }
        });
        if (sendNow != null) {
            sendEnrollment(sendNow, request);
        }
        if (restart) {
            logger.info("Connecting again to join the account of {}", account);
            startConnecting();
        }
        return request.result;
    }

    @Override
    public void opened(Connection connection) {
        synchronized (this) {
            current = connection;
        }
        connection.send(Hello.agent(deviceId, identity.publicKey(), version, platform.os(), platform.architecture()));
    }

    @Override
    public void received(Connection connection, Message message) {
        switch (message) {
            case Welcome welcome -> welcomed(connection, welcome);
            case EnrollResult result -> enrolled(connection, result);
            case Challenge challenge -> connection.send(new Authenticate(deviceId,
                    identity.sign(Authenticate.signedData(challenge.nonce(), deviceId, connectionId))));
            case Authenticated authenticated -> online(connection, authenticated);
            case Command command -> command(connection, command);
            case Bye bye -> bye(connection, bye);
            case ErrorMessage error -> {
                logger.warn("The server refused: {} ({})", error.message(), error.code());
                PendingEnrollment request = sentOn(connection);
                if (request != null) {
                    request.result.complete(EnrollResult.refused(error.message()));
                }
                connection.close("server error " + error.code());
            }
            default -> logger.debug("Ignored {}", message.getClass().getSimpleName());
        }
    }

    @Override
    public void closed(Connection connection, String reason) {
        boolean changed = false;
        synchronized (this) {
            if (pending != null && pending.sentOn == connection) {
                pending.sentOn = null; // not answered: sent again on the next connection
            }
            if (awaitingEnrollment == connection) {
                awaitingEnrollment = null;
            }
            if (current == connection) {
                current = null;
                if (previews != null) {
                    previews.cancel(false);
                    previews = null;
                }
                if (phase != LinkState.Phase.STOPPED) {
                    phase = LinkState.Phase.OFFLINE;
                    detail = "The connection to the server closed (" + reason + "); connecting again";
                    changed = true;
                }
            }
        }
        logger.info("Disconnected from the server: {}", reason);
        if (changed) {
            publish();
        }
    }

    private void welcomed(Connection connection, Welcome welcome) {
        connectionId = welcome.connectionId();
        if (!deviceId.isEmpty()) {
            return; // the server's challenge follows
        }
        PendingEnrollment request = null;
        boolean withToken = false;
        synchronized (this) {
            if (pending != null && pending.sentOn == null) {
                request = pending;
                request.sentOn = connection;
            } else if (!enrollmentToken.isEmpty() && !tokenRefused) {
                withToken = true;
            } else {
                awaitingEnrollment = connection; // waits for a sign-in from the agent's window
                logger.info("Connected; this computer is in no account yet: waiting for someone to sign in on the "
                        + "agent's window");
            }
            phase = LinkState.Phase.WAITING_FOR_ENROLLMENT;
            detail = "";
        }
        if (request != null) {
            sendEnrollment(connection, request);
        } else if (withToken) {
            connection.send(new Enroll(Enroll.TokenKind.ENROLLMENT_TOKEN, enrollmentToken, identity.publicKey(),
                    deviceName, platform.os(), platform.architecture()));
        }
        publish();
    }

    private void sendEnrollment(Connection connection, PendingEnrollment request) {
        logger.info("Joining the account of {} with the session signed in on this computer", request.account);
        connection.send(new Enroll(Enroll.TokenKind.ACCOUNT_SESSION, request.token, identity.publicKey(), deviceName,
                platform.os(), platform.architecture()));
    }

    private synchronized PendingEnrollment sentOn(Connection connection) {
        return pending != null && pending.sentOn == connection ? pending : null;
    }

    private void enrolled(Connection connection, EnrollResult result) {
        PendingEnrollment request = sentOn(connection);
        if (!result.accepted()) {
            if (request != null) {
                // The person reads why in the window and may sign in again; the server closes this connection and
                // the agent connects again to wait for that.
                logger.warn("The server did not add this computer to the account of {}: {}", request.account,
                        result.reason());
                request.result.complete(result);
                return;
            }
            // A revoked or used-up token will not get better by retrying: say so and stop.
            logger.error("Enrollment refused: {}. The agent stops trying; fix etc/{}.cfg and restart it.",
                    result.reason(), AgentConfiguration.PID);
            synchronized (this) {
                tokenRefused = true;
            }
            stopConnecting("The server refused the enrollment token: " + result.reason());
            return;
        }
        String joined = request != null ? request.account : "";
        deviceId = result.deviceId();
        account = joined;
        try {
            identity.enrolled(deviceId, joined);
        } catch (IOException e) {
            logger.warn("Could not save the device id {}: {}", deviceId, e.getMessage());
        }
        if (request != null) {
            logger.info("Enrolled as device {} into the account of {}", deviceId, joined);
        } else {
            logger.info("Enrolled as device {}", deviceId);
        }
        PendingEnrollment overtaken;
        synchronized (this) {
            phase = LinkState.Phase.CONNECTING;
            overtaken = request == null ? pending : null;
        }
        publish();
        if (request != null) {
            request.result.complete(result);
        } else if (overtaken != null) {
            overtaken.result.complete(EnrollResult.refused(
                    "This computer has just joined an account with its enrollment token"));
        }
    }

    private void online(Connection connection, Authenticated authenticated) {
        logger.info("Online as device {} (heartbeat every {} s)", authenticated.deviceId(),
                authenticated.heartbeatIntervalSeconds());
        connection.maxPayloadLength(io.helmdesk.protocol.Frame.DEFAULT_MAX_PAYLOAD);
        connection.send(status());
        // OSHI reads /proc, /sys and udev: not on the connection's network thread.
        try {
            timer.execute(() -> {
                try {
                    connection.send(SystemReport.collect(platform));
                } catch (RuntimeException e) {
                    logger.warn("Could not report this computer's system information", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // the agent is stopping
        }
        synchronized (this) {
            if (previews != null) {
                previews.cancel(false);
            }
            previews = timer.scheduleAtFixedRate(() -> sendPreview(connection), 1, PREVIEW_SECONDS,
                    TimeUnit.SECONDS);
            phase = LinkState.Phase.ONLINE;
            detail = "";
        }
        publish();
    }

    private void sendPreview(Connection connection) {
        if (previewsEnabled && connection.isOpen()) {
            ScreenPreview.take().ifPresent(connection::send);
        }
    }

    private void command(Connection connection, Command command) {
        if (command.name().equals("apply-settings")) {
            displayName = command.arguments().getOrDefault("displayName", displayName);
            boolean wasOn = previewsEnabled;
            previewsEnabled = Boolean.parseBoolean(command.arguments().getOrDefault("previewsEnabled", "true"));
            logger.info("Settings from the server: name '{}', previews {}", displayName,
                    previewsEnabled ? "on" : "off");
            try {
                identity.displayName(displayName);
            } catch (IOException e) {
                logger.debug("Could not remember the name '{}': {}", displayName, e.getMessage());
            }
            if (previewsEnabled && !wasOn) {
                timer.execute(() -> sendPreview(connection));
            }
            if (command.commandId() != 0) {
                connection.send(CommandResult.succeeded(command.commandId(), "applied"));
            }
            publish();
            return;
        }
        Collection<ServiceReference<AgentCommandHandler>> found;
        try {
            // Looked up now rather than bound: handlers use this link (ControlChannel), a reference back is a cycle.
            found = context.getServiceReferences(AgentCommandHandler.class,
                    "(" + AgentCommandHandler.COMMAND_NAME + "=" + escapeFilter(command.name()) + ")");
        } catch (InvalidSyntaxException | IllegalStateException e) {
            found = List.of();
        }
        if (found.isEmpty()) {
            connection.send(CommandResult.failed(command.commandId(), "This agent does not know the command '"
                    + command.name() + "'"));
            return;
        }
        ServiceReference<AgentCommandHandler> reference = found.iterator().next();
        AgentCommandHandler handler = context.getService(reference);
        CompletionStage<AgentCommandHandler.Answer> answer;
        try {
            answer = handler == null
                    ? CompletableFuture.completedFuture(AgentCommandHandler.Answer.failed(
                            "The agent is stopping"))
                    : handler.handle(command.arguments());
        } catch (RuntimeException e) {
            logger.warn("The command '{}' failed", command.name(), e);
            answer = CompletableFuture.completedFuture(AgentCommandHandler.Answer.failed(
                    "The agent failed to handle '" + command.name() + "': " + e.getMessage()));
        }
        answer.whenComplete((outcome, failure) -> {
            // Held until answered: a delayed component whose service nobody holds is deactivated.
            if (handler != null) {
                try {
                    context.ungetService(reference);
                } catch (IllegalStateException stopping) {
                    // the agent is stopping
                }
            }
            AgentCommandHandler.Answer sent = failure != null
                    ? AgentCommandHandler.Answer.failed("The agent failed: " + failure.getMessage())
                    : outcome;
            connection.send(sent.success()
                    ? CommandResult.succeeded(command.commandId(), sent.message())
                    : CommandResult.failed(command.commandId(), sent.message()));
        });
    }

    private static String escapeFilter(String value) {
        return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replace("*", "\\*");
    }

    @Override
    public String serverHost() {
        return server.host();
    }

    /** The name the server's device card shows (DEV-12). */
    @Override
    public String displayName() {
        return displayName;
    }

    @Override
    public void report(SessionEvent event) {
        Connection connection;
        synchronized (this) {
            connection = current;
        }
        if (connection != null && connection.isOpen()) {
            connection.send(event);
        } else {
            logger.debug("Not connected: session event {} not reported", event.kind());
        }
    }

    @Override
    public void sessionsRunning(int sessions) {
        sessionsRunning = Math.max(0, sessions);
        Connection connection;
        synchronized (this) {
            connection = current;
        }
        if (connection != null && connection.isOpen() && !deviceId.isEmpty()) {
            connection.send(status());
        }
    }

    private Status status() {
        return new Status(sessionsRunning > 0 ? Status.State.IN_SESSION : Status.State.ONLINE, platform.user(), 0);
    }

    private void bye(Connection connection, Bye bye) {
        logger.info("The server said goodbye: {} ({})", bye.message(), bye.reason());
        if (bye.reason() == Bye.Reason.DEVICE_REMOVED) {
            try {
                identity.forgetEnrollment();
            } catch (IOException e) {
                logger.warn("Could not forget the device id: {}", e.getMessage());
            }
            deviceId = "";
            account = "";
            displayName = deviceName;
            logger.warn("This computer was removed from its account: the agent stops connecting");
            stopConnecting("This computer was removed from its account");
        } else if (bye.reason() == Bye.Reason.REPLACED && currentReconnector().current()
                .filter(newer -> newer != connection).isEmpty()) {
            // Not our own newer connection: another computer uses this identity (a clone). Step aside.
            logger.warn("Another connection now carries this device (a copy of this computer?): the agent stops");
            stopConnecting("Another computer connects as this one (a copy of it?)");
        }
        connection.close("server said " + bye.reason());
    }

    /** Looks for failed connection attempts, which the reconnector does not report to the handler. */
    private void watch() {
        boolean changed = false;
        synchronized (this) {
            if (connecting && current == null && reconnector.attempts() > 0
                    && (phase == LinkState.Phase.CONNECTING || phase == LinkState.Phase.OFFLINE)) {
                String unreachable = "Cannot reach the server at " + server + "; trying again";
                changed = phase != LinkState.Phase.OFFLINE || !detail.equals(unreachable);
                phase = LinkState.Phase.OFFLINE;
                detail = unreachable;
            }
        }
        if (changed) {
            publish();
        }
    }

    private void startConnecting() {
        Reconnector fresh;
        synchronized (this) {
            if (closing || connecting) {
                return;
            }
            fresh = new Reconnector(() -> new InetSocketAddress(server.host(), server.port()), tls,
                    ClientSettings.defaults(), Backoff.defaults(), this);
            reconnector = fresh;
            connecting = true;
            phase = LinkState.Phase.CONNECTING;
            detail = "";
        }
        fresh.start();
        publish();
    }

    /** No more attempts until a person signs in on the window. Does not block: called from the handler. */
    private void stopConnecting(String why) {
        Reconnector stopping;
        synchronized (this) {
            connecting = false;
            awaitingEnrollment = null;
            phase = LinkState.Phase.STOPPED;
            detail = why;
            stopping = reconnector;
        }
        stopping.stop();
        publish();
    }

    private synchronized Reconnector currentReconnector() {
        return reconnector;
    }

    private void publish() {
        LinkState state = state();
        for (Listener listener : listeners) {
            try {
                listener.changed(state);
            } catch (RuntimeException e) {
                logger.warn("A listener of the connection's state failed", e);
            }
        }
    }

    /** A sign-in's request to enroll, until the server answers it or the window gives up. */
    private static final class PendingEnrollment {

        final String token;
        final String account;
        final CompletableFuture<EnrollResult> result = new CompletableFuture<>();
        /** The connection it went out on, while that connection is open; null: to be sent. */
        Connection sentOn;

        PendingEnrollment(String token, String account) {
            this.token = token;
            this.account = account;
        }
    }
}
