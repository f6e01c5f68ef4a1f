package io.helmdesk.devices.internal;

import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.auth.api.Permission;
import io.helmdesk.auth.api.Principal;
import io.helmdesk.auth.api.RateLimitedException;
import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.Frame;
import io.helmdesk.protocol.message.Authenticate;
import io.helmdesk.protocol.message.Authenticated;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.Challenge;
import io.helmdesk.protocol.message.CommandResult;
import io.helmdesk.protocol.message.Enroll;
import io.helmdesk.protocol.message.EnrollResult;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.Heartbeat;
import io.helmdesk.protocol.message.HeartbeatAck;
import io.helmdesk.protocol.message.Hello;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.PreviewImage;
import io.helmdesk.protocol.message.ProtocolVersion;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.protocol.message.Status;
import io.helmdesk.protocol.message.SystemInfo;
import io.helmdesk.protocol.message.Welcome;
import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.EnrollmentTokenRecord;
import io.helmdesk.transport.Connection;

/**
 * One agent connection, as the protocol's sequences allow it (docs/protocol.md): hello, then enrollment or not, then
 * the challenge the agent answers with its private key; only then status, previews, system information and
 * heartbeats. Anything out of order ends the connection with an error.
 */
final class AgentSession {

    private enum Stage {
        HELLO, ENROLL, AUTHENTICATE, AUTHENTICATED, CLOSED
    }

    private static final int NONCE_BYTES = 32;

    private final Logger logger = LoggerFactory.getLogger(AgentSession.class);
    private final AgentGateway gateway;
    private final Connection connection;
    private final String address;
    private final SecureRandom random;
    private volatile Stage stage = Stage.HELLO;
    private Hello hello;
    private PublicKey key;
    private String deviceId = "";
    private byte[] nonce;

    AgentSession(AgentGateway gateway, Connection connection, SecureRandom random) {
        this.gateway = gateway;
        this.connection = connection;
        this.address = connection.remoteAddress().getAddress().getHostAddress();
        this.random = random;
    }

    String deviceId() {
        return deviceId;
    }

    boolean authenticated() {
        return stage == Stage.AUTHENTICATED;
    }

    /** Called in the order messages arrive, one at a time, off the network threads. */
    void handle(Message message) {
        try {
            switch (stage) {
                case HELLO -> hello(expect(message, Hello.class));
                case ENROLL -> enroll(expect(message, Enroll.class));
                case AUTHENTICATE -> authenticate(expect(message, Authenticate.class));
                case AUTHENTICATED -> report(message);
                case CLOSED -> {
                    // a message that was on its way when we closed
                }
            }
        } catch (UnexpectedMessage e) {
            // The peer's mistake, not ours: a clear error to it, no warning in the server's log.
            fail(ErrorCode.UNEXPECTED_MESSAGE, e.getMessage());
        } catch (RateLimitedException e) {
            fail(ErrorCode.RATE_LIMITED, "Too many failed attempts from " + address + ": try again in "
                    + e.retryAfterSeconds() + " s");
        } catch (RuntimeException e) {
            logger.warn("Agent connection {} failed: {}", connection.id(), e.toString());
            fail(ErrorCode.INTERNAL_ERROR, "The server failed to handle this message");
        }
    }

    /** A heartbeat needs no database: answered by the transport, noted here without a queue. */
    void heartbeat(Heartbeat heartbeat) {
        if (stage == Stage.AUTHENTICATED) {
            gateway.registry().heartbeat(deviceId);
        }
    }

    private void hello(Hello received) {
        if (received.role() != Role.AGENT) {
            fail(ErrorCode.UNEXPECTED_MESSAGE, "This port is for agents; consoles use the REST API");
            return;
        }
        OptionalInt version = ProtocolVersion.negotiate(received.minVersion(), received.maxVersion());
        if (version.isEmpty()) {
            fail(ErrorCode.UNSUPPORTED_VERSION, "The agent speaks protocol versions " + received.minVersion() + " to "
                    + received.maxVersion() + ", this server " + ProtocolVersion.OLDEST_SUPPORTED + " to "
                    + ProtocolVersion.CURRENT + ": update the agent");
            return;
        }
        try {
            key = AgentKeys.parse(received.publicKey());
        } catch (IllegalArgumentException e) {
            fail(ErrorCode.AUTHENTICATION_FAILED, e.getMessage());
            return;
        }
        hello = received;
        connection.send(new Welcome(version.getAsInt(), gateway.registry().now(), connection.id()));
        if (received.deviceId().isEmpty()) {
            stage = Stage.ENROLL;
            return;
        }
        Optional<DeviceRecord> device = gateway.devices().find(received.deviceId());
        if (device.isEmpty()) {
            // Removed on the server (or never known): the agent forgets its id and stops reconnecting.
            connection.send(new Bye(Bye.Reason.DEVICE_REMOVED, "This server does not know this computer any more"));
            close("unknown device " + received.deviceId());
            return;
        }
        if (!device.get().keyFingerprint().equals(AgentKeys.fingerprint(received.publicKey()))) {
            gateway.limits().failed(bucket());
            fail(ErrorCode.AUTHENTICATION_FAILED, "This key is not the key of device " + received.deviceId());
            return;
        }
        deviceId = received.deviceId();
        challenge();
    }

    private void enroll(Enroll request) {
        gateway.limits().check(bucket());
        if (!java.util.Arrays.equals(request.publicKey(), hello.publicKey())) {
            fail(ErrorCode.AUTHENTICATION_FAILED, "The enrollment names another key than the hello");
            return;
        }
        String accountId;
        String refusal;
        if (request.tokenKind() == Enroll.TokenKind.ENROLLMENT_TOKEN) {
            Optional<EnrollmentTokenRecord> token = gateway.tokens().use(AgentKeys.tokenHash(request.token()),
                    gateway.registry().now());
            accountId = token.map(EnrollmentTokenRecord::accountId).orElse(null);
            refusal = "The enrollment token is unknown, revoked, expired or used up";
        } else {
            Optional<Principal> principal = gateway.authentication().authenticate(request.token(), address)
                    .filter(p -> p.has(Permission.OWN_DEVICES));
            accountId = principal.map(Principal::accountId).orElse(null);
            refusal = "The sign-in is not valid (any more): sign in again";
        }
        if (accountId == null) {
            gateway.limits().failed(bucket());
            connection.send(EnrollResult.refused(refusal));
            close("enrollment refused: " + refusal);
            return;
        }
        gateway.limits().succeeded(bucket());
        String fingerprint = AgentKeys.fingerprint(request.publicKey());
        Optional<DeviceRecord> existing = gateway.devices().findByKeyFingerprint(fingerprint);
        DeviceRecord device;
        if (existing.isPresent()) {
            if (!existing.get().accountId().equals(accountId)) {
                connection.send(EnrollResult.refused("This computer belongs to another account: remove it there"));
                close("enrollment refused: key of another account's device");
                return;
            }
            device = existing.get(); // the agent lost its device id: the same key is the same computer
        } else {
            String name = request.deviceName().isBlank() ? address : request.deviceName().strip();
            name = name.length() > 100 ? name.substring(0, 100) : name;
            // A new card: previews on, settings for admins only, and its user allows each session (SES-2).
            device = new DeviceRecord(UUID.randomUUID().toString(), accountId,
                    Base64.getEncoder().encodeToString(request.publicKey()), fingerprint, name,
                    request.deviceName().strip(), "", request.osName(), request.osVersion(),
                    hello.softwareVersion(), gateway.registry().now(), address, true, false, true,
                    gateway.registry().now());
            gateway.devices().insert(device);
            logger.info("Device {} ({}) enrolled into account {}", device.id(), device.displayName(), accountId);
        }
        deviceId = device.id();
        connection.send(EnrollResult.accepted(deviceId));
        challenge();
    }

    private void challenge() {
        nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        stage = Stage.AUTHENTICATE;
        connection.send(new Challenge(nonce));
    }

    private void authenticate(Authenticate answer) {
        gateway.limits().check(bucket());
        byte[] signed = Authenticate.signedData(nonce, deviceId, connection.id());
        if (!answer.deviceId().equals(deviceId) || !AgentKeys.verify(key, signed, answer.signature())) {
            gateway.limits().failed(bucket());
            fail(ErrorCode.AUTHENTICATION_FAILED, "The challenge's signature does not verify with this device's key");
            return;
        }
        Optional<DeviceRecord> device = gateway.devices().find(deviceId);
        if (device.isEmpty()) {
            connection.send(new Bye(Bye.Reason.DEVICE_REMOVED, "This computer was removed from its account"));
            close("device removed during the handshake");
            return;
        }
        stage = Stage.AUTHENTICATED;
        connection.maxPayloadLength(Frame.DEFAULT_MAX_PAYLOAD);
        DeviceRecord updated = device.get().withConnection(hello.osName(), hello.osVersion(), hello.softwareVersion(),
                gateway.registry().now(), address);
        // Kept for as long as the agent stays connected: what only the handshake needed goes now.
        hello = null;
        key = null;
        nonce = null;
        gateway.devices().update(updated);
        connection.send(new Authenticated(deviceId, gateway.heartbeatSeconds()));
        gateway.registry().connected(updated, connection, address);
        connection.send(DeviceRegistry.settingsCommand(updated));
    }

    private void report(Message message) {
        switch (message) {
            case Status status -> gateway.registry().status(deviceId, status);
            case PreviewImage image -> gateway.registry().preview(deviceId, image);
            case SystemInfo info -> gateway.registry().systemInfo(deviceId, info);
            case CommandResult result -> gateway.registry().answered(deviceId, result);
            case SessionEvent event -> gateway.registry().sessionEvent(deviceId, event);
            case HeartbeatAck ack -> {
                // our own heartbeats' answers: the transport saw traffic, nothing more to do
            }
            case Bye bye -> close("agent said " + bye.reason() + ": " + bye.message());
            case ErrorMessage error -> close("agent error " + error.code() + ": " + error.message());
            default -> fail(ErrorCode.UNEXPECTED_MESSAGE, "A " + message.getClass().getSimpleName()
                    + " is not expected from an authenticated agent");
        }
    }

    private <T extends Message> T expect(Message message, Class<T> type) {
        if (!type.isInstance(message)) {
            throw new UnexpectedMessage("Expected a " + type.getSimpleName() + ", got a "
                    + message.getClass().getSimpleName());
        }
        return type.cast(message);
    }

    private String bucket() {
        return "agent:address:" + address;
    }

    private void fail(ErrorCode code, String sentence) {
        connection.send(new ErrorMessage(code, sentence));
        close(code + ": " + sentence);
    }

    private void close(String reason) {
        stage = Stage.CLOSED;
        connection.close(reason);
    }

    /** A well-formed message out of sequence. */
    static final class UnexpectedMessage extends RuntimeException {

        private static final long serialVersionUID = 1L;

        UnexpectedMessage(String message) {
            super(message);
        }
    }
}
