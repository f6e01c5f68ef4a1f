package io.helmdesk.console.client.api;

/**
 * What a correct password leads to: a session, or a second-factor step to complete with a code.
 *
 * @param session the session; null while a second factor is pending
 * @param pendingToken the second-factor step's token; null when signed in
 * @param secondFactor the method, e.g. "totp"; null when signed in
 */
public record SignInOutcome(ConsoleSession session, String pendingToken, String secondFactor) {

    public boolean needsSecondFactor() {
        return session == null;
    }

    @Override
    public String toString() {
        return needsSecondFactor()
                ? "SignInOutcome[second factor " + secondFactor + "]"
                : "SignInOutcome[" + session + "]";
    }
}
