package io.helmdesk.agent.session.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.widgets.Display;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.api.AgentCommandHandler;
import io.helmdesk.agent.api.AgentDisplay;
import io.helmdesk.agent.api.ControlChannel;
import io.helmdesk.agent.desktop.DesktopAccess;
import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.session.RelayChannel;
import io.helmdesk.session.RelayRefusedException;
import io.helmdesk.session.SessionPeer;

/**
 * Answers the server's {@code session-offer}: asks the user when consent is needed (always, unless this computer's
 * configuration lets the server decide and the server does not ask), opens the desktop, joins the relay, and runs the
 * session. The server hears "joined" or why not (refused, nobody to ask, no desktop, relay unreachable).
 */
@Component(immediate = true, service = AgentCommandHandler.class, property = AgentCommandHandler.COMMAND_NAME
        + "=session-offer", configurationPid = SessionConfiguration.PID)
@Designate(ocd = SessionConfiguration.class)
public class SessionOfferHandler implements AgentCommandHandler {

    /** How long the relay waits for the viewer once this side joined; the viewer normally waits already. */
    private static final Duration PAIRING_TIMEOUT = Duration.ofSeconds(30);

    private final Logger logger = LoggerFactory.getLogger(SessionOfferHandler.class);
    private final ControlChannel control;
    private final DesktopAccess desktops;
    private final ExecutorService work = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("agent-session-", 0).daemon().factory());
    private final Set<HostedSession> running = ConcurrentHashMap.newKeySet();
    private final boolean alwaysAsk;
    private final Duration promptTimeout;
    private final Path filesFolder;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AgentDisplay display;

    @Activate
    public SessionOfferHandler(@Reference ControlChannel control, @Reference DesktopAccess desktops,
            SessionConfiguration configuration) {
        this.control = control;
        this.desktops = desktops;
        this.alwaysAsk = !"server".equals(configuration.session_consent().strip().toLowerCase(Locale.ROOT));
        this.promptTimeout = Duration.ofSeconds(Math.max(5, configuration.session_prompt_seconds()));
        String folder = configuration.session_files_folder().strip();
        this.filesFolder = folder.isEmpty()
                ? Path.of(System.getProperty("user.home"), "Downloads", "Helmdesk")
                : Path.of(folder);
    }

    @Deactivate
    void stop() {
        for (HostedSession session : Set.copyOf(running)) {
            session.end("The agent is stopping");
        }
        work.shutdown();
        try {
            work.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public CompletionStage<Answer> handle(Map<String, String> arguments) {
        SessionOffer offer;
        try {
            offer = SessionOffer.parse(arguments, control.serverHost(), filesFolder, promptTimeout);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(Answer.failed("Malformed session offer: " + e.getMessage()));
        }
        logger.info("{} asks for a remote session ({})", offer.operator(), offer.sessionId());
        AgentDisplay ui = display;
        Display swt = ui == null ? null : ui.display();
        SessionWindows windows = swt == null ? null : new SessionWindows(swt, offer.operator());
        CompletableFuture<Boolean> consent;
        boolean attended = alwaysAsk || offer.consentAsked();
        if (attended) {
            if (windows == null) {
                return CompletableFuture.completedFuture(Answer.failed(
                        "Nobody can allow the session on this computer: the agent has no window"));
            }
            consent = windows.ask(SessionWindows.PROMPT_TITLE, offer.operator()
                    + " wants to see this computer's screen.\n\nAllow the remote session? The operator can only "
                    + "watch until you also allow control, and you can end the session at any time.",
                    "Allow", "Refuse", promptTimeout);
        } else {
            consent = CompletableFuture.completedFuture(true);
        }
        return consent.thenApplyAsync(allowed -> allowed
                ? join(offer, attended, windows, swt)
                : Answer.failed("The user refused the session"), work);
    }

    private Answer join(SessionOffer offer, boolean attended, SessionWindows windows, Display swt) {
        DesktopSession desktop;
        try {
            desktop = desktops.open();
        } catch (DesktopUnavailableException e) {
            logger.warn("Session {} refused: {}", offer.sessionId(), e.getMessage());
            return Answer.failed("The screen of this computer cannot be shared: " + e.getMessage());
        }
        try {
            Files.createDirectories(offer.filesFolder());
        } catch (IOException e) {
            logger.warn("No folder for files at {}: {}", offer.filesFolder(), e.getMessage());
        }
        ClipboardBridge clipboard = swt == null ? null : new ClipboardBridge(swt);
        HostedSession session = new HostedSession(offer, attended, control, desktop, windows, clipboard, work,
                ended -> {
                    running.remove(ended);
                    control.sessionsRunning(running.size());
                });
        try {
            RelayChannel.join(offer.relay(), offer.ticket(), PAIRING_TIMEOUT, channel -> {
                try {
                    session.attach(channel);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return SessionPeer.routeFiles(session.files(), SessionPeer.inOrder(work, session));
            });
            running.add(session);
            control.sessionsRunning(running.size());
            session.start();
            return Answer.succeeded("Joined the session");
        } catch (RelayRefusedException e) {
            session.end("The relay refused: " + e.relayMessage());
            return Answer.failed("The relay refused the session: " + e.relayMessage());
        } catch (UncheckedIOException e) {
            session.end("No folder for files: " + e.getCause().getMessage());
            return Answer.failed("The folder for files cannot be used: " + e.getCause().getMessage());
        } catch (IOException | RuntimeException e) {
            session.end("Could not join the relay: " + e.getMessage());
            return Answer.failed("Could not join the session's relay at " + offer.relay() + ": " + e.getMessage());
        }
    }
}
