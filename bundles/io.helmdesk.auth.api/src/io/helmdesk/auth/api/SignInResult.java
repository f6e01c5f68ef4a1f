package io.helmdesk.auth.api;

/**
 * What a correct e-mail address and password lead to: a session, or, when the account has a second factor, a
 * challenge. The pending token of a challenge opens nothing: only {@link AuthenticationService#completeSignIn} with a
 * valid code turns it into a session.
 *
 * @param session the new session; null while a second factor is pending
 * @param pendingToken the challenge's single-use token; null when signed in
 * @param secondFactor the method of the pending challenge, e.g. "totp"; null when signed in
 */
public record SignInResult(SessionGrant session, String pendingToken, String secondFactor) {

    public static SignInResult signedIn(SessionGrant session) {
        return new SignInResult(session, null, null);
    }

    public static SignInResult challenge(String pendingToken, String secondFactor) {
        return new SignInResult(null, pendingToken, secondFactor);
    }
}
