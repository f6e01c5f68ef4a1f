package io.helmdesk.auth.api;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** Signing in and out, and recognising callers by their bearer token. */
@ProviderType
public interface AuthenticationService {

    /**
     * Checks an e-mail address and password and opens a session, or a second-factor challenge.
     *
     * @param sourceAddress the caller's network address, for the per-address limits
     * @return the new session, or the challenge when the account has a second factor
     * @throws AuthenticationException if the address or password is wrong (which one is never said)
     * @throws RateLimitedException if this account or address failed too often recently
     */
    SignInResult signIn(String email, String password, String sourceAddress);

    /**
     * Answers a second-factor challenge: a valid code opens a new session. The challenge expires after 10 minutes
     * and burns after 5 wrong codes.
     *
     * @throws AuthenticationException if the challenge is unknown, expired or burnt, or the code is wrong
     * @throws RateLimitedException if codes of this account or address failed too often recently
     */
    SessionGrant completeSignIn(String pendingToken, String code, String sourceAddress);

    /** Ends the session of this token at once; does nothing for an unknown token. */
    void signOut(String token);

    /**
     * Recognises a bearer token: a session token or an API key.
     *
     * @param sourceAddress the caller's network address, for the per-address limits on token guessing
     * @return the caller, or empty if the token is unknown, expired or revoked
     * @throws RateLimitedException if this address presented too many bad tokens recently
     */
    Optional<Principal> authenticate(String token, String sourceAddress);

    /** True while the server has no account: the first administrator must be created with the setup token. */
    boolean setupNeeded();

    /**
     * Creates the first administrator with the one-time setup token printed at the server's first start, and
     * signs it in. The token is spent: no second call can succeed.
     *
     * @throws AuthenticationException if the token is wrong or setup is already done
     * @throws IllegalArgumentException if the e-mail address or password is not acceptable (the message says why)
     */
    SessionGrant setUp(String setupToken, String email, String password, String displayName, String sourceAddress);
}
