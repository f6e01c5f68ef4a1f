package io.helmdesk.rest.api;

import java.util.List;

/** What {@code /api/v1/sessions} carries (SES-1, SES-5). */
public final class SessionDTOs {

    private SessionDTOs() {
    }

    /**
     * {@code POST /sessions}: open a session to a computer.
     *
     * @param clipboard whether clipboard text is shared both ways (SES-6); null: yes
     * @param files whether files may be sent and fetched (SES-4); null: yes
     */
    public record SessionRequest(String deviceId, Boolean clipboard, Boolean files) {

        public SessionRequest(String deviceId) {
            this(deviceId, null, null);
        }
    }

    /**
     * The answer to {@code POST /sessions}: the console joins the relay at {@code relayHost:relayPort}, presents
     * {@code ticket} (single use, a secret) in its first message, and once the agent joined too, runs TLS with it end to
     * end through the relay, presenting {@code identity} (a key and certificate made for this session; a secret) and
     * pinning the agent's certificate, {@code peerPin}. {@code clipboard} and {@code files} say what the agent lets
     * through in this session.
     */
    public record SessionStartDTO(String sessionId, String deviceId, String relayHost, int relayPort, String identity,
            String peerPin, String ticket, String expiresAt, boolean clipboard, boolean files) {

        /** A session that shares the clipboard and files. */
        public SessionStartDTO(String sessionId, String deviceId, String relayHost, int relayPort, String identity,
                String peerPin, String ticket, String expiresAt) {
            this(sessionId, deviceId, relayHost, relayPort, identity, peerPin, ticket, expiresAt, true, true);
        }

        @Override
        public String toString() {
            return "SessionStartDTO[" + sessionId + "]";
        }
    }

    /**
     * A session and its events.
     *
     * @param state REQUESTED, ACTIVE or ENDED
     * @param startedAt null until both sides joined
     * @param endedAt null while it runs
     */
    public record SessionDTO(String id, String deviceId, String operatorAccountId, String operatorName, String state,
            String requestedAt, String startedAt, String endedAt, String endReason, long bytesFromAgent,
            long bytesFromConsole, List<SessionEventDTO> events) {
    }

    public record SessionEventDTO(String at, String kind, String actor, String detail) {
    }
}
