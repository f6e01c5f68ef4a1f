package io.helmdesk.console.client.api;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.rest.api.AuthDTOs;
import io.helmdesk.rest.api.DeviceDTOs.AgentGatewayDTO;
import io.helmdesk.rest.api.DeviceDTOs.CreatedEnrollmentTokenDTO;
import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;
import io.helmdesk.rest.api.DeviceDTOs.DeviceSettingsUpdate;
import io.helmdesk.rest.api.DeviceDTOs.EnrollmentTokenDTO;
import io.helmdesk.rest.api.DeviceDTOs.SystemInfoSectionDTO;
import io.helmdesk.rest.api.HealthDTO;
import io.helmdesk.rest.api.SessionDTOs.SessionDTO;
import io.helmdesk.rest.api.SessionDTOs.SessionStartDTO;

/** Calls to a Helmdesk server: public ones with its address, the others with a session. */
@ProviderType
public interface ServerClient {

    /**
     * Asks the server for its health. A server whose database is down still answers, with status DEGRADED.
     *
     * @throws ServerException if the server cannot be reached or does not answer like a Helmdesk server
     */
    HealthDTO health(ServerAddress server) throws ServerException;

    /**
     * Signs in with an e-mail address and password.
     *
     * @throws ServerException with the server's reason: wrong address or password, too many attempts, unreachable
     */
    SignInOutcome signIn(ServerAddress server, String email, String password) throws ServerException;

    /**
     * Asks for an account: the server mails a password to the address.
     *
     * @return the server's sentence about what happens next
     */
    String register(ServerAddress server, String email, String language) throws ServerException;

    /**
     * Asks for a link to choose a new password, mailed if the address has an account.
     *
     * @return the server's sentence about what happens next
     */
    String requestRecovery(ServerAddress server, String email) throws ServerException;

    /** Completes a sign-in with the code of the second factor. */
    ConsoleSession completeSignIn(ServerAddress server, String pendingToken, String code) throws ServerException;

    /** The signed-in account. */
    AuthDTOs.AccountDTO account(ConsoleSession session) throws ServerException;

    /** Ends the session on the server. */
    void signOut(ConsoleSession session) throws ServerException;

    /** Changes the password; the server ends the account's other sessions. */
    void changePassword(ConsoleSession session, String currentPassword, String newPassword) throws ServerException;

    /** Starts setting up an authenticator app: its seed and QR code. */
    AuthDTOs.TotpEnrollmentDTO startTotp(ConsoleSession session) throws ServerException;

    /** Turns the authenticator app on with its first code. */
    void confirmTotp(ConsoleSession session, String code) throws ServerException;

    /** Turns the second factor off with a valid code. */
    void disableSecondFactor(ConsoleSession session, String code) throws ServerException;

    /** Starts the e-mail second factor: a code goes to the account's address. */
    String startEmailSecondFactor(ConsoleSession session) throws ServerException;

    /** Turns the e-mail second factor on with the mailed code. */
    void confirmEmailSecondFactor(ConsoleSession session, String code) throws ServerException;

    /** Starts the Telegram second factor: the bot to write to and the link that does it. */
    AuthDTOs.TelegramLinkDTO startTelegramSecondFactor(ConsoleSession session) throws ServerException;

    /** Turns the Telegram second factor on with the code the bot sent. */
    void confirmTelegramSecondFactor(ConsoleSession session, String code) throws ServerException;

    /** Sends a new code through the enabled channel (e-mail or Telegram), e.g. to turn it off. */
    String sendSecondFactorCode(ConsoleSession session) throws ServerException;

    /** Changes display name, language and time zone. */
    AuthDTOs.AccountDTO updateProfile(ConsoleSession session, String displayName, String language, String timeZone)
            throws ServerException;

    /** Asks to change the address: a code goes to the new one. */
    String requestEmailChange(ConsoleSession session, String newEmail) throws ServerException;

    /** Confirms the new address with its code and the current password. */
    AuthDTOs.AccountDTO confirmEmailChange(ConsoleSession session, String code, String currentPassword)
            throws ServerException;

    /** Deletes the account with its password; every session ends. */
    void deleteAccount(ConsoleSession session, String password) throws ServerException;

    /** The account's API keys, revoked ones included. */
    List<AuthDTOs.ApiKeyDTO> apiKeys(ConsoleSession session) throws ServerException;

    /** Creates an API key; its secret is in the answer, this once. */
    AuthDTOs.CreatedApiKeyDTO createApiKey(ConsoleSession session, String name, List<String> scopes)
            throws ServerException;

    /** Revokes an API key at once. */
    void revokeApiKey(ConsoleSession session, String keyId) throws ServerException;

    /** The OpenID Connect providers the server offers; empty when it offers none. */
    List<AuthDTOs.OidcProviderDTO> oidcProviders(ServerAddress server) throws ServerException;

    /** Starts a sign-in through a provider: open the URL in a browser, then {@link #pollOidc}. */
    AuthDTOs.OidcStartDTO startOidc(ServerAddress server, String providerId) throws ServerException;

    /**
     * What became of a sign-in through a provider.
     *
     * @return empty while the browser side is not done; then the outcome, once
     * @throws ServerException if the sign-in failed or expired, with the reason
     */
    Optional<SignInOutcome> pollOidc(ServerAddress server, String pollToken) throws ServerException;

    /** The computers the session may see (every one for an administrator): favourites first, then by name. */
    List<DeviceDTO> devices(ConsoleSession session) throws ServerException;

    /** One computer, with its live state. */
    DeviceDTO device(ConsoleSession session, String deviceId) throws ServerException;

    /** Changes the device card's settings; null fields stay as they are. The agent is told at once if online. */
    DeviceDTO updateDevice(ConsoleSession session, String deviceId, DeviceSettingsUpdate update)
            throws ServerException;

    /** Removes the computer: its agent forgets the enrollment and stops connecting. */
    void removeDevice(ConsoleSession session, String deviceId) throws ServerException;

    /** Marks or unmarks the computer as a favourite of the signed-in account. */
    DeviceDTO favourite(ConsoleSession session, String deviceId, boolean favourite) throws ServerException;

    /**
     * The latest screenshot preview (JPEG or PNG bytes).
     *
     * @return empty when the computer has none (none sent yet, or previews off)
     */
    Optional<byte[]> devicePreview(ConsoleSession session, String deviceId) throws ServerException;

    /** What the agent reported about its computer, in sections; empty before its first report. */
    List<SystemInfoSectionDTO> systemInfo(ConsoleSession session, String deviceId) throws ServerException;

    /** The account's enrollment tokens, newest first, revoked and used-up ones included. */
    List<EnrollmentTokenDTO> enrollmentTokens(ConsoleSession session) throws ServerException;

    /**
     * Creates an enrollment token: agents carrying it join the account at first start. Its secret is in the answer,
     * this once.
     *
     * @param maxUses 0 for no limit
     * @param validDays 0 for no expiry
     */
    CreatedEnrollmentTokenDTO createEnrollmentToken(ConsoleSession session, String name, int maxUses, int validDays)
            throws ServerException;

    /** Revokes an enrollment token at once; computers that joined with it stay. */
    void revokeEnrollmentToken(ConsoleSession session, String tokenId) throws ServerException;

    /** Where agents connect and the certificate fingerprint they pin. */
    AgentGatewayDTO agentGateway(ConsoleSession session) throws ServerException;

    /**
     * Opens a remote session to a computer (SES-1): the server offers it to the computer's agent and answers with
     * where the relay is and this side's single-use ticket. Join it at once: the ticket expires within minutes.
     *
     * @throws ServerException with the server's reason, e.g. the computer is offline (HTTP 409) or unknown (404)
     */
    SessionStartDTO startSession(ConsoleSession session, String deviceId) throws ServerException;

    /** A remote session with its state and the events the agent reported. */
    SessionDTO remoteSession(ConsoleSession session, String sessionId) throws ServerException;

    /** Ends a remote session: a side still waiting for the other is told so, joined sides are disconnected. */
    void endSession(ConsoleSession session, String sessionId) throws ServerException;
}
