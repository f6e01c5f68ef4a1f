package io.helmdesk.agent.core.internal;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.core.internal.AccountSignIn.Account;
import io.helmdesk.agent.core.internal.AccountSignIn.SecondFactorNeeded;
import io.helmdesk.agent.core.internal.AccountSignIn.SignInException;
import io.helmdesk.agent.core.internal.AccountSignIn.SignedIn;
import io.helmdesk.protocol.message.EnrollResult;

/**
 * Adds this computer to an account by a sign-in (DEV-1): e-mail and password, the second factor if the account has
 * one, then {@code Enroll(ACCOUNT_SESSION)} on the control connection, and in every case the session signed out
 * again, so that the computer keeps neither a password nor a session. Runs on a worker thread of its own; tells the
 * window through {@link Progress}.
 */
final class SignInFlow implements AutoCloseable {

    /** How long the control connection may take to carry the enrollment: a reconnect waits up to a minute. */
    static final Duration ENROLL_TIMEOUT = Duration.ofSeconds(90);

    /** What the window shows as the sign-in goes on; called on the worker thread. */
    interface Progress {

        /** Something takes a moment: the form is busy. */
        void working(String message);

        /** The account has a second factor of this kind ({@code totp}, {@code email}, {@code telegram}). */
        void secondFactorNeeded(String kind);

        /** It did not work, in the server's words where it gave some; the person may try again. */
        void failed(String message);

        /** The computer is in the account now. */
        void done(String account);
    }

    private final Logger logger = LoggerFactory.getLogger(SignInFlow.class);
    private final AccountSignIn signIn;
    private final AgentLink link;
    private final Progress progress;
    private final Progress window;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("helmdesk-agent-sign-in").daemon().factory());
    /** The first step's token while the second factor's code is awaited; worker thread only. */
    private String pendingToken;

    SignInFlow(AccountSignIn signIn, AgentLink link, Progress window) {
        this.signIn = signIn;
        this.link = link;
        this.window = window;
        this.progress = new Logged();
    }

    /** First step: e-mail and password. */
    void signIn(String email, String password) {
        worker.execute(() -> {
            pendingToken = null;
            progress.working("Signing in…");
            try {
                switch (signIn.login(email.strip(), password)) {
                    case SignedIn signedIn -> enroll(signedIn.token());
                    case SecondFactorNeeded needed -> {
                        pendingToken = needed.pendingToken();
                        progress.secondFactorNeeded(needed.kind());
                    }
                }
            } catch (SignInException e) {
                progress.failed(e.getMessage());
            }
        });
    }

    /** Second step: the code of the second factor. */
    void secondFactor(String code) {
        worker.execute(() -> {
            if (pendingToken == null) {
                progress.failed("Sign in with your e-mail address and password first");
                return;
            }
            progress.working("Checking the code…");
            String token;
            try {
                token = signIn.completeSecondFactor(pendingToken, code.strip());
            } catch (SignInException e) {
                progress.failed(e.getMessage()); // the challenge allows a few tries; the server says when it is spent
                return;
            }
            pendingToken = null;
            enroll(token);
        });
    }

    /** Back to e-mail and password: the first step's token is dropped. */
    void startOver() {
        worker.execute(() -> pendingToken = null);
    }

    /** Signed in: enrolls with the session, then signs it out whatever happened. */
    private void enroll(String token) {
        String account = "";
        boolean interrupted = false;
        CompletableFuture<EnrollResult> answer = null;
        try {
            Account signedIn = signIn.account(token);
            account = signedIn.email();
            if (!signedIn.permissions().contains("OWN_DEVICES")) {
                progress.failed("The account " + account + " may not add computers: ask your administrator");
                return;
            }
            progress.working("Adding this computer to the account of " + account + "…");
            answer = link.enrollWithSession(token, account);
            EnrollResult result = answer.get(ENROLL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (result.accepted()) {
                logger.info("This computer joined the account of {} by a sign-in on its window", account);
                progress.done(account);
            } else {
                progress.failed(result.reason());
            }
        } catch (ExecutionException | CancellationException e) {
            progress.failed("The agent stopped before the server answered");
        } catch (SignInException | IllegalStateException e) {
            progress.failed(e.getMessage());
        } catch (TimeoutException e) {
            progress.failed("The server did not answer within " + ENROLL_TIMEOUT.toSeconds()
                    + " s (is it reachable? see the connection above). Try again.");
        } catch (InterruptedException e) {
            interrupted = true; // the agent stops: still sign the session out first
        } finally {
            if (answer != null) {
                answer.cancel(false); // the token is not sent any more
            }
            signOut(token, account);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void signOut(String token, String account) {
        String whose = account.isEmpty() ? "the account" : account;
        try {
            signIn.logout(token);
            logger.info("Signed the account session of {} out: this computer keeps no session and no password",
                    whose);
        } catch (SignInException e) {
            logger.warn("Could not sign the session of {} out ({}); it ends by itself when it expires", whose,
                    e.getMessage());
        }
    }

    /** Stops the worker; a sign-in in progress is interrupted. */
    @Override
    public void close() {
        worker.shutdownNow();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        signIn.close();
    }

    /** Passes the progress on to the window, and notes failures in the log for whoever helps the person. */
    private final class Logged implements Progress {

        @Override
        public void working(String message) {
            window.working(message);
        }

        @Override
        public void secondFactorNeeded(String kind) {
            logger.info("The account has a second factor ({}): waiting for its code", kind);
            window.secondFactorNeeded(kind);
        }

        @Override
        public void failed(String message) {
            logger.info("The sign-in on the agent's window did not work: {}", message);
            window.failed(message);
        }

        @Override
        public void done(String account) {
            window.done(account);
        }
    }
}
