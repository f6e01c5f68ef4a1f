package io.helmdesk.sessions.internal;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Principal;
import io.helmdesk.devices.api.AgentCommands;
import io.helmdesk.devices.api.AgentEventListener;
import io.helmdesk.devices.api.AgentSessionEvent;
import io.helmdesk.devices.api.Device;
import io.helmdesk.devices.api.DeviceOfflineException;
import io.helmdesk.devices.api.DeviceService;
import io.helmdesk.devices.api.DeviceStatus;
import io.helmdesk.devices.api.UnknownDeviceException;
import io.helmdesk.relay.api.RelayEndpoint;
import io.helmdesk.relay.api.RelayListener;
import io.helmdesk.relay.api.RelayService;
import io.helmdesk.relay.api.RelayTickets;
import io.helmdesk.sessions.api.RemoteSession;
import io.helmdesk.sessions.api.RemoteSessionService;
import io.helmdesk.sessions.api.SessionOptions;
import io.helmdesk.sessions.api.SessionStart;
import io.helmdesk.sessions.api.TargetOfflineException;
import io.helmdesk.sessions.api.UnknownSessionTargetException;
import io.helmdesk.store.api.AccountRepository;
import io.helmdesk.store.api.RemoteSessionEventRecord;
import io.helmdesk.store.api.RemoteSessionRecord;
import io.helmdesk.store.api.RemoteSessionRepository;
import io.helmdesk.transport.EndToEndIdentity;

/**
 * Opens sessions: the caller's right on the device is the device service's ({@link DeviceService#get}); the relay
 * issues the tickets; the agent gets the offer on its control connection and decides, with its user, whether to join.
 * Everything that happens is written to the session's history: the relay's pairing and end, and the events the agent
 * reports.
 */
@Component(service = {RemoteSessionService.class, AgentEventListener.class})
public class DefaultRemoteSessionService implements RemoteSessionService, AgentEventListener, RelayListener {

    /** How long the agent (and its user, answering the prompt) has to join. */
    static final Duration JOIN_WITHIN = Duration.ofMinutes(2);

    static final String OFFER_COMMAND = "session-offer";

    private final Logger logger = LoggerFactory.getLogger(DefaultRemoteSessionService.class);
    private final Clock clock = Clock.systemUTC();
    private final DeviceService devices;
    private final AgentCommands agents;
    private final RelayService relay;
    private final RemoteSessionRepository sessions;
    private final AccountRepository accounts;

    @Activate
    public DefaultRemoteSessionService(@Reference DeviceService devices, @Reference AgentCommands agents,
            @Reference RelayService relay, @Reference RemoteSessionRepository sessions,
            @Reference AccountRepository accounts) {
        this.devices = devices;
        this.agents = agents;
        this.relay = relay;
        this.sessions = sessions;
        this.accounts = accounts;
        // Relay tickets live in memory: sessions of an earlier run cannot go on.
        int ended = sessions.endAllOpen(clock.millis(), "The server restarted");
        if (ended > 0) {
            logger.info("{} sessions of the previous run marked as ended", ended);
        }
    }

    @Override
    public SessionStart start(Principal caller, String deviceId, SessionOptions options) {
        Device device = device(caller, deviceId);
        if (device.status() == DeviceStatus.OFFLINE) {
            throw new TargetOfflineException(device.displayName() + " is offline");
        }
        String operatorName = operatorName(caller);
        String sessionId = UUID.randomUUID().toString();
        long now = clock.millis();
        sessions.insert(RemoteSessionRecord.requested(sessionId, deviceId, caller.accountId(), operatorName, now));
        sessions.addEvent(new RemoteSessionEventRecord(sessionId, now, "REQUESTED", operatorName, ""));
        // A key and certificate for each end, for this session only: they pin each other through the relay.
        EndToEndIdentity agentIdentity = newIdentity();
        EndToEndIdentity consoleIdentity = newIdentity();
        RelayTickets tickets = relay.open(sessionId, JOIN_WITHIN, this);
        RelayEndpoint endpoint = relay.endpoint();
        Map<String, String> offer = new LinkedHashMap<>();
        offer.put("sessionId", sessionId);
        offer.put("ticket", tickets.agentTicket());
        // Empty: the agent uses the host of its own control connection.
        offer.put("relayHost", endpoint.publicHost());
        offer.put("relayPort", Integer.toString(endpoint.port()));
        offer.put("identity", agentIdentity.encode());
        offer.put("peerPin", consoleIdentity.pin());
        offer.put("operator", operatorName);
        offer.put("consent", device.consentRequired() ? "required" : "optional");
        offer.put("clipboard", Boolean.toString(options.clipboard()));
        offer.put("files", Boolean.toString(options.files()));
        try {
            agents.send(deviceId, OFFER_COMMAND, offer).whenComplete((outcome, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    relay.close(sessionId, "The computer went offline: " + cause.getMessage());
                } else if (!outcome.success()) {
                    relay.close(sessionId, outcome.message());
                } else {
                    logger.debug("Session {}: the agent of {} accepted", sessionId, deviceId);
                }
            });
        } catch (DeviceOfflineException e) {
            relay.close(sessionId, e.getMessage());
            throw new TargetOfflineException(device.displayName() + " is offline");
        }
        logger.info("Session {} to {} ({}) requested by {}", sessionId, device.displayName(), deviceId, caller.email());
        return new SessionStart(sessionId, deviceId, endpoint.publicHost(), endpoint.port(), consoleIdentity.encode(),
                agentIdentity.pin(), tickets.consoleTicket(), tickets.expiresAt(), options);
    }

    private static EndToEndIdentity newIdentity() {
        try {
            return EndToEndIdentity.create();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make a key for the session: " + e.getMessage(), e);
        }
    }

    @Override
    public RemoteSession get(Principal caller, String sessionId) {
        RemoteSessionRecord record = sessions.find(sessionId)
                .orElseThrow(() -> new UnknownSessionTargetException("There is no session " + sessionId));
        try {
            devices.get(caller, record.deviceId());
        } catch (UnknownDeviceException e) {
            // The device was removed or is not the caller's: only its operator (or an administrator) still sees it.
            if (!record.operatorAccountId().equals(caller.accountId())
                    && !caller.has(Permission.SERVER_ADMINISTRATION)) {
                throw new UnknownSessionTargetException("There is no session " + sessionId);
            }
        }
        return toSession(record, sessions.events(sessionId));
    }

    @Override
    public List<RemoteSession> listForDevice(Principal caller, String deviceId, int limit) {
        device(caller, deviceId);
        return sessions.listForDevice(deviceId, Math.max(1, Math.min(limit, 500))).stream()
                .map(record -> toSession(record, List.of())).toList();
    }

    @Override
    public void end(Principal caller, String sessionId) {
        RemoteSession session = get(caller, sessionId);
        if (session.state() != RemoteSession.State.ENDED) {
            relay.close(sessionId, "Ended by " + operatorName(caller));
        }
    }

    @Override
    public void paired(String sessionId) {
        long now = clock.millis();
        sessions.markActive(sessionId, now);
    }

    @Override
    public void ended(String sessionId, String reason, long bytesFromAgent, long bytesFromConsole) {
        long now = clock.millis();
        sessions.end(sessionId, now, reason, bytesFromAgent, bytesFromConsole);
        sessions.addEvent(new RemoteSessionEventRecord(sessionId, now, "ENDED", "", reason));
    }

    @Override
    public void sessionEvent(String deviceId, AgentSessionEvent event) {
        // Only the agent a session was offered to may write into its history.
        boolean ours = sessions.find(event.sessionId()).map(record -> record.deviceId().equals(deviceId))
                .orElse(false);
        if (!ours) {
            logger.info("Device {} reported an event of session {}, which is not one of its sessions", deviceId,
                    event.sessionId());
            return;
        }
        try {
            sessions.addEvent(new RemoteSessionEventRecord(event.sessionId(), event.atMillis(), event.kind(),
                    event.actor(), event.detail()));
        } catch (IllegalArgumentException e) {
            logger.info("Device {} reported an event the history cannot hold: {}", deviceId, e.getMessage());
        }
    }

    private Device device(Principal caller, String deviceId) {
        try {
            return devices.get(caller, deviceId);
        } catch (UnknownDeviceException e) {
            throw new UnknownSessionTargetException(e.getMessage());
        }
    }

    private String operatorName(Principal caller) {
        return accounts.findById(caller.accountId()).map(account -> account.displayName().isBlank()
                ? account.email()
                : account.displayName()).orElse(caller.email());
    }

    private static RemoteSession toSession(RemoteSessionRecord record, List<RemoteSessionEventRecord> events) {
        return new RemoteSession(record.id(), record.deviceId(), record.operatorAccountId(), record.operatorName(),
                RemoteSession.State.valueOf(record.state().name()), Instant.ofEpochMilli(record.requestedAt()),
                record.startedAt() == null ? null : Instant.ofEpochMilli(record.startedAt()),
                record.endedAt() == null ? null : Instant.ofEpochMilli(record.endedAt()), record.endReason(),
                record.bytesFromAgent(), record.bytesFromConsole(),
                events.stream().map(event -> new RemoteSession.Event(Instant.ofEpochMilli(event.atMillis()),
                        event.kind(), event.actor(), event.detail())).toList());
    }
}
