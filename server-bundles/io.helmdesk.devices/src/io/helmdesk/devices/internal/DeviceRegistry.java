package io.helmdesk.devices.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.helmdesk.devices.api.AgentCommands;
import io.helmdesk.devices.api.AgentEventListener;
import io.helmdesk.devices.api.AgentSessionEvent;
import io.helmdesk.devices.api.CommandOutcome;
import io.helmdesk.devices.api.DeviceOfflineException;
import io.helmdesk.devices.api.DeviceStatus;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.Command;
import io.helmdesk.protocol.message.CommandResult;
import io.helmdesk.protocol.message.PreviewImage;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.protocol.message.SystemInfo;
import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.DeviceRepository;
import io.helmdesk.transport.Connection;

/**
 * The devices whose agents are connected now, and what they report: live state in memory (status, user, last heartbeat),
 * system information in the database, the latest preview as a file in {@code <data>/previews}. Database and file
 * work runs on this registry's executor, never on the network threads.
 */
@Component(service = {DeviceRegistry.class, AgentCommands.class})
public class DeviceRegistry implements AgentCommands {

    /** How often the connected devices' "last seen" reaches the database, all together (it is exact in memory). */
    static final Duration PERSIST_SEEN_EVERY = Duration.ofMinutes(1);

    private final Logger logger = LoggerFactory.getLogger(DeviceRegistry.class);
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, LiveDevice> live = new ConcurrentHashMap<>();
    private final DeviceRepository devices;
    private final PreviewFiles previews;
    private final Clock clock = Clock.systemUTC();
    private final ExecutorService storage = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().name("device-storage-", 0).daemon().factory());
    private final ScheduledExecutorService lastSeenTimer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("device-last-seen").daemon().factory());
    private final BundleContext context;

    @Activate
    public DeviceRegistry(BundleContext context, @Reference DeviceRepository devices) throws IOException {
        this.context = context;
        this.devices = devices;
        this.previews = new PreviewFiles(DataFolder.of(context).resolve("previews"));
        lastSeenTimer.scheduleWithFixedDelay(this::persistLastSeen, PERSIST_SEEN_EVERY.toMillis(),
                PERSIST_SEEN_EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Deactivate
    void stop() throws InterruptedException {
        lastSeenTimer.shutdownNow();
        persistLastSeen();
        storage.shutdown();
        storage.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Runs storage work off the network threads; failures are logged, as no caller waits for them. */
    void store(String what, Object of, Runnable work) {
        // No future and no sentence made per call: a preview arrives every few milliseconds with many agents.
        storage.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException failure) {
                logger.warn("Could not store {} {}: {}", what, of, failure.getMessage());
            }
        });
    }

    long now() {
        return clock.millis();
    }

    /** The agent of this device proved its key on this connection; an older connection of it is told and closed. */
    void connected(DeviceRecord device, Connection connection, String address) {
        LiveDevice fresh = new LiveDevice(device.id(), connection, address, now());
        LiveDevice previous = live.put(device.id(), fresh);
        if (previous != null && previous.connection != connection) {
            failPendingCommands(previous, "Another connection now carries the device");
            previous.connection.send(new Bye(Bye.Reason.REPLACED, "Another connection now carries this device"));
            previous.connection.close("replaced by " + connection.id());
        }
        logger.info("Device {} ({}) online from {}", device.id(), device.displayName(), address);
    }

    /** The connection ended; the device is offline unless a newer connection carries it already. */
    void disconnected(String deviceId, Connection connection, String reason) {
        LiveDevice current = live.get(deviceId);
        if (current != null && current.connection == connection && live.remove(deviceId, current)) {
            failPendingCommands(current, "The agent disconnected (" + reason + ")");
            long seen = current.lastSeenAt;
            store("the last seen of", deviceId, () -> devices.touch(deviceId, seen, current.address));
            logger.info("Device {} offline ({})", deviceId, reason);
        }
    }

    void heartbeat(String deviceId) {
        LiveDevice device = live.get(deviceId);
        if (device == null) {
            return;
        }
        device.lastSeenAt = now();
    }

    /** Writes the "last seen" of the connected devices heard from since the previous write, all in one go. */
    void persistLastSeen() {
        List<DeviceRepository.LastSeen> seen = new ArrayList<>();
        for (LiveDevice device : live.values()) {
            long at = device.lastSeenAt;
            if (at > device.persistedAt) {
                device.persistedAt = at;
                seen.add(new DeviceRepository.LastSeen(device.deviceId, at, device.address));
            }
        }
        if (!seen.isEmpty()) {
            store("the last seen of devices:", seen.size(), () -> devices.touchAll(seen));
        }
    }

    void status(String deviceId, Status status) {
        LiveDevice device = live.get(deviceId);
        if (device != null) {
            device.status = switch (status.state()) {
                case IN_SESSION -> DeviceStatus.IN_SESSION;
                case SLEEPING -> DeviceStatus.SLEEPING;
                default -> DeviceStatus.ONLINE;
            };
            device.loggedInUser = status.loggedInUser();
            device.lastSeenAt = now();
        }
    }

    /** Keeps the latest preview (see {@link PreviewFiles}), off the network threads. */
    void preview(String deviceId, PreviewImage image) {
        LiveDevice device = live.get(deviceId);
        store("the preview of", deviceId, () -> {
            try {
                previews.write(deviceId, image, device, now());
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    Optional<Path> previewFile(String deviceId) {
        return previews.file(deviceId);
    }

    void systemInfo(String deviceId, SystemInfo info) {
        ArrayNode sections = json.createArrayNode();
        for (SystemInfo.Section section : info.sections()) {
            ObjectNode node = sections.addObject().put("name", section.name());
            ArrayNode entries = node.putArray("entries");
            for (SystemInfo.Entry entry : section.entries()) {
                entries.addObject().put("key", entry.key()).put("value", entry.value());
            }
        }
        String serialized = sections.toString();
        if (serialized.length() > 32_000) {
            logger.info("System information of device {} is {} characters: kept up to the first 32,000", deviceId,
                    serialized.length());
            return;
        }
        long at = now();
        store("the system information of", deviceId, () -> devices.saveSystemInfo(deviceId, serialized, at));
    }

    Optional<LiveDevice> live(String deviceId) {
        return Optional.ofNullable(live.get(deviceId));
    }

    /**
     * Tells a connected agent its card's settings (name shown by the agent, previews on or off, whether its user
     * must allow each session).
     */
    void sendSettings(DeviceRecord device) {
        live(device.id()).ifPresent(l -> l.connection.send(settingsCommand(device)));
    }

    static Command settingsCommand(DeviceRecord device) {
        return new Command(0, "apply-settings", Map.of("displayName", device.displayName(), "previewsEnabled",
                Boolean.toString(device.previewsEnabled()), "operatorsMayConfigure",
                Boolean.toString(device.operatorsMayConfigure()), "consentRequired",
                Boolean.toString(device.consentRequired())));
    }

    @Override
    public CompletableFuture<CommandOutcome> send(String deviceId, String name, Map<String, String> arguments) {
        LiveDevice device = live.get(deviceId);
        if (device == null) {
            throw new DeviceOfflineException("The agent of " + deviceId + " is not connected");
        }
        long id = device.nextCommandId.getAndIncrement();
        CompletableFuture<CommandOutcome> answer = new CompletableFuture<>();
        device.pendingCommands.put(id, answer);
        if (!device.connection.send(new Command(id, name, arguments))) {
            device.pendingCommands.remove(id);
            throw new DeviceOfflineException("The agent of " + deviceId + " is not connected");
        }
        return answer;
    }

    /** An agent answered a command; answers to commands nobody waits for (id 0, or unknown) are only logged. */
    void answered(String deviceId, CommandResult result) {
        LiveDevice device = live.get(deviceId);
        CompletableFuture<CommandOutcome> waiting = device == null
                ? null
                : device.pendingCommands.remove(result.commandId());
        if (waiting == null) {
            logger.debug("Device {} answered command {}: {}", deviceId, result.commandId(), result.message());
            return;
        }
        // Completed off the network threads: whoever waits may do database work.
        storage.execute(() -> waiting.complete(new CommandOutcome(result.success(), result.message())));
    }

    /**
     * An agent reported a session event: the listeners hear it, in the agent's order (messages are ordered). They are
     * looked up now rather than bound: the sessions service that listens depends on this registry, and a reference
     * back would be a cycle.
     */
    void sessionEvent(String deviceId, SessionEvent event) {
        AgentSessionEvent reported = new AgentSessionEvent(event.sessionId(), event.atMillis(), event.kind().name(),
                event.actor(), event.detail());
        Collection<ServiceReference<AgentEventListener>> references;
        try {
            references = context.getServiceReferences(AgentEventListener.class, null);
        } catch (InvalidSyntaxException | IllegalStateException e) {
            return;
        }
        for (ServiceReference<AgentEventListener> reference : references) {
            AgentEventListener listener = context.getService(reference);
            if (listener == null) {
                continue;
            }
            try {
                listener.sessionEvent(deviceId, reported);
            } catch (RuntimeException e) {
                logger.warn("A session event listener failed on {} of device {}", event.kind(), deviceId, e);
            } finally {
                context.ungetService(reference);
            }
        }
    }

    private void failPendingCommands(LiveDevice device, String reason) {
        for (Long id : List.copyOf(device.pendingCommands.keySet())) {
            CompletableFuture<CommandOutcome> waiting = device.pendingCommands.remove(id);
            if (waiting != null) {
                storage.execute(() -> waiting.completeExceptionally(new DeviceOfflineException(reason)));
            }
        }
    }

    /** The device was removed: its agent is told to forget its enrollment, its preview goes. */
    void removed(String deviceId) {
        LiveDevice device = live.remove(deviceId);
        if (device != null) {
            failPendingCommands(device, "The device was removed");
            device.connection.send(new Bye(Bye.Reason.DEVICE_REMOVED, "This computer was removed from its account"));
            device.connection.close("device removed");
        }
        store("the removal of the preview of", deviceId, () -> {
            try {
                previews.delete(deviceId);
            } catch (IOException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }
}
