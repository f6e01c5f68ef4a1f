package io.helmdesk.console.client.api;

import org.osgi.annotation.versioning.ProviderType;

import io.helmdesk.rest.api.AuthDTOs;
import io.helmdesk.rest.api.HealthDTO;

/** Public calls to a Helmdesk server; they need no sign-in. */
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
}
