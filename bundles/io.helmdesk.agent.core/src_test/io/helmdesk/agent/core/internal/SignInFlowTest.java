package io.helmdesk.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.protocol.message.EnrollResult;

/** The sign-in of the agent's window against a fake server and a fake control connection. */
class SignInFlowTest {

    private static final String ACCOUNT = "{\"id\":\"a-1\",\"email\":\"ada@example.org\","
            + "\"permissions\":[\"OWN_ACCOUNT\",\"OWN_API_KEYS\",\"OWN_DEVICES\"]}";

    private final BlockingQueue<String> progress = new LinkedBlockingQueue<>();
    private final FakeLink link = new FakeLink();
    private FakeServer server;
    private SignInFlow flow;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        server.answer("GET", "/api/v1/account", 200, ACCOUNT);
        server.answer("POST", "/api/v1/auth/logout", 204, "");
        flow = new SignInFlow(new AccountSignIn(server.url()), link, new SignInFlow.Progress() {

            @Override
            public void working(String message) {
                progress.add("working: " + message);
            }

            @Override
            public void secondFactorNeeded(String kind) {
                progress.add("code: " + kind);
            }

            @Override
            public void failed(String message) {
                progress.add("failed: " + message);
            }

            @Override
            public void done(String account) {
                progress.add("done: " + account);
            }
        });
    }

    @AfterEach
    void stop() {
        flow.close();
        server.close();
    }

    @Test
    void enrollsWithTheSessionAndSignsItOut() throws Exception {
        server.answer("POST", "/api/v1/auth/login", 200, "{\"token\":\"hds_abc\"}");
        link.answer.complete(EnrollResult.accepted("d-1"));
        flow.signIn(" ada@example.org ", "Pass-word-1");
        assertEquals(List.of("working: Signing in…", "working: Adding this computer to the account of ada@example.org…",
                "done: ada@example.org"), next(3));
        assertEquals("hds_abc ada@example.org", link.asked.poll(5, TimeUnit.SECONDS));
        awaitRoutes("POST /api/v1/auth/login", "GET /api/v1/account", "POST /api/v1/auth/logout");
        assertEquals("Bearer hds_abc", server.calls.get(2).authorization());
    }

    @Test
    void aRefusedEnrollmentIsShownAndTheSessionStillSignedOut() throws Exception {
        server.answer("POST", "/api/v1/auth/login", 200, "{\"token\":\"hds_abc\"}");
        link.answer.complete(EnrollResult.refused("This computer belongs to another account: remove it there"));
        flow.signIn("ada@example.org", "Pass-word-1");
        assertEquals("failed: This computer belongs to another account: remove it there", next(3).get(2));
        awaitRoutes("POST /api/v1/auth/login", "GET /api/v1/account", "POST /api/v1/auth/logout");
    }

    @Test
    void anAccountThatMayNotAddComputersIsToldSoWithoutAsking() throws Exception {
        server.answer("POST", "/api/v1/auth/login", 200, "{\"token\":\"hds_abc\"}");
        server.answer("GET", "/api/v1/account", 200,
                "{\"email\":\"guest@example.org\",\"permissions\":[\"OWN_ACCOUNT\"]}");
        flow.signIn("guest@example.org", "Pass-word-1");
        assertEquals(List.of("working: Signing in…",
                "failed: The account guest@example.org may not add computers: ask your administrator"), next(2));
        awaitRoutes("POST /api/v1/auth/login", "GET /api/v1/account", "POST /api/v1/auth/logout");
        assertNull(link.asked.poll());
    }

    @Test
    void aSecondFactorIsAskedForAndAWrongCodeMayBeTypedAgain() throws Exception {
        server.answer("POST", "/api/v1/auth/login", 200, "{\"secondFactor\":\"totp\",\"pendingToken\":\"hdpend_1\"}");
        server.answer("POST", "/api/v1/auth/second-factor", 401,
                "{\"message\":\"The code is wrong or was used already: type the one the app shows now (4 tries left)\"}");
        link.answer.complete(EnrollResult.accepted("d-1"));
        flow.signIn("ada@example.org", "Pass-word-1");
        assertEquals(List.of("working: Signing in…", "code: totp"), next(2));
        flow.secondFactor("111111");
        assertEquals(List.of("working: Checking the code…", "failed: The code is wrong or was used already: type "
                + "the one the app shows now (4 tries left)"), next(2));
        server.answer("POST", "/api/v1/auth/second-factor", 200, "{\"token\":\"hds_after\"}");
        flow.secondFactor(" 222222 ");
        assertEquals(List.of("working: Checking the code…",
                "working: Adding this computer to the account of ada@example.org…", "done: ada@example.org"), next(3));
        assertEquals("hds_after ada@example.org", link.asked.poll(5, TimeUnit.SECONDS));
        awaitRoutes("POST /api/v1/auth/login", "POST /api/v1/auth/second-factor", "POST /api/v1/auth/second-factor",
                "GET /api/v1/account", "POST /api/v1/auth/logout");
        assertEquals(Map.of("pendingToken", "hdpend_1", "code", "222222"),
                AccountSignIn.object(server.calls.get(2).body()));
    }

    @Test
    void startingOverForgetsTheFirstStep() throws Exception {
        server.answer("POST", "/api/v1/auth/login", 200, "{\"secondFactor\":\"email\",\"pendingToken\":\"hdpend_1\"}");
        flow.signIn("ada@example.org", "Pass-word-1");
        assertEquals(List.of("working: Signing in…", "code: email"), next(2));
        flow.startOver();
        flow.secondFactor("123456");
        assertEquals(List.of("failed: Sign in with your e-mail address and password first"), next(1));
    }

    private List<String> next(int count) throws InterruptedException {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String event = progress.poll(10, TimeUnit.SECONDS);
            if (event == null) {
                throw new AssertionError("only " + events + " within 10 s");
            }
            events.add(event);
        }
        return events;
    }

    private void awaitRoutes(String... routes) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && server.routes().size() < routes.length) {
            Thread.sleep(20);
        }
        assertEquals(List.of(routes), server.routes());
    }

    /** The control connection: not enrolled; answers an enrollment with what the test put in. */
    private static final class FakeLink implements AgentLink {

        final CompletableFuture<EnrollResult> answer = new CompletableFuture<>();
        final BlockingQueue<String> asked = new LinkedBlockingQueue<>();

        @Override
        public LinkState state() {
            return new LinkState(LinkState.Phase.WAITING_FOR_ENROLLMENT, "", "127.0.0.1:7443", "", "", "pc");
        }

        @Override
        public void addListener(Listener listener) {
        }

        @Override
        public void removeListener(Listener listener) {
        }

        @Override
        public CompletableFuture<EnrollResult> enrollWithSession(String sessionToken, String account) {
            asked.add(sessionToken + " " + account);
            return answer;
        }
    }
}
