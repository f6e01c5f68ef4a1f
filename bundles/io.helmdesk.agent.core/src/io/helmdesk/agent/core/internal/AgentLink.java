package io.helmdesk.agent.core.internal;

import java.util.concurrent.CompletableFuture;

import io.helmdesk.protocol.message.EnrollResult;

/**
 * The agent's control connection as its window sees it (DEV-1): its state, told to listeners as it changes, and the
 * one thing the window asks of it: join an account with the session of a person who just signed in. A service of
 * {@link ServerLink}, used by {@link AgentWindow}; nothing outside this bundle sees it.
 */
public interface AgentLink {

    /** The state now. */
    LinkState state();

    /** Tells the listener every later change, on the thread that made it: it must return at once. */
    void addListener(Listener listener);

    void removeListener(Listener listener);

    /**
     * Enrolls this computer into the account of a session token: {@code Enroll(ACCOUNT_SESSION, token, …)} on the
     * current connection when it waits for one, else on the next (reconnecting first if the agent had stopped). The
     * token is used for this one message and not kept.
     *
     * @param account the account's e-mail address, remembered with the device id to show whose computer this is
     * @return the server's answer: accepted with the new device id, or refused with a sentence for the person. Cancel
     *         it to give up; the token is then not sent any more.
     * @throws IllegalStateException when the computer is already enrolled
     */
    CompletableFuture<EnrollResult> enrollWithSession(String sessionToken, String account);

    /** Receives the state of the control connection when it changes. */
    @FunctionalInterface
    interface Listener {

        void changed(LinkState state);
    }
}
