package io.helmdesk.devices.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Registered as a service to hear what agents report about their remote sessions (whiteboard). Called off the network
 * threads, in the order one agent reported; return quickly.
 */
@ConsumerType
public interface AgentEventListener {

    void sessionEvent(String deviceId, AgentSessionEvent event);
}
