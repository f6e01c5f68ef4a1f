package io.helmdesk.devices.api;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Commands to connected agents over their control connection (e.g. offering a remote session). Callers check the
 * caller's rights on the device first, with {@link DeviceService#get}; this service does not.
 */
@ProviderType
public interface AgentCommands {

    /**
     * Sends a command to the agent that carries the device now.
     *
     * @param name e.g. {@code session-offer}
     * @param arguments string arguments; the agent reads them by name
     * @return completes with the agent's answer, or exceptionally with {@link DeviceOfflineException} when the agent's
     *         connection ends before it answers
     * @throws DeviceOfflineException if no agent connection carries the device
     */
    CompletableFuture<CommandOutcome> send(String deviceId, String name, Map<String, String> arguments);
}
