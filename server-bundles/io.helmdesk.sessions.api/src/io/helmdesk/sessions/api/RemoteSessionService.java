package io.helmdesk.sessions.api;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.auth.api.Principal;

/**
 * Remote sessions to the computers a caller may reach: the caller's own, every one for an administrator. A device or
 * session the caller may not see is reported as unknown, never as forbidden.
 */
@ProviderType
public interface RemoteSessionService {

    /**
     * Opens a session: issues the relay tickets and offers the session to the device's agent, which asks its user
     * when it has to. The console then joins the relay with the returned ticket and waits there for the agent.
     *
     * @throws UnknownSessionTargetException if the caller has no such device
     * @throws io.helmdesk.sessions.api.TargetOfflineException if its agent is not connected
     */
    SessionStart start(Principal caller, String deviceId, SessionOptions options);

    /** @throws UnknownSessionTargetException if there is no such session for this caller */
    RemoteSession get(Principal caller, String sessionId);

    /**
     * The latest sessions to a device, newest first.
     *
     * @throws UnknownSessionTargetException if the caller has no such device
     */
    List<RemoteSession> listForDevice(Principal caller, String deviceId, int limit);

    /**
     * Ends a session from the server: both sides are disconnected.
     *
     * @throws UnknownSessionTargetException if there is no such session for this caller
     */
    void end(Principal caller, String sessionId);
}
