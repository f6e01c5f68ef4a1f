package io.helmdesk.agent.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.agent.core.internal.AccountSignIn.SecondFactorNeeded;
import io.helmdesk.agent.core.internal.AccountSignIn.SignInException;
import io.helmdesk.agent.core.internal.AccountSignIn.SignedIn;

class AccountSignInTest {

    private FakeServer server;
    private AccountSignIn signIn;

    @BeforeEach
    void start() throws IOException {
        server = new FakeServer();
        signIn = new AccountSignIn(server.url());
    }

    @AfterEach
    void stop() {
        signIn.close();
        server.close();
    }

    @Test
    void signsInWithAPasswordAndAsksForNothingElse() throws Exception {
        server.answer("POST", "/api/v1/auth/login", 200,
                "{\"token\":\"hds_abc\",\"accountId\":\"a-1\",\"expiresAt\":\"2030-01-01T00:00:00Z\","
                        + "\"secondFactor\":null,\"pendingToken\":null}");
        SignedIn signedIn = assertInstanceOf(SignedIn.class, signIn.login("ada@example.org", "Pass \"word\" é"));
        assertEquals("hds_abc", signedIn.token());
        assertEquals(Map.of("email", "ada@example.org", "password", "Pass \"word\" é"),
                AccountSignIn.object(server.calls.get(0).body()));
        assertTrue(!signedIn.toString().contains("hds_abc"), "the token stays out of logs");
    }

    @Test
    void aSecondFactorTakesItsCodeForTheSession() throws Exception {
        server.answer("POST", "/api/v1/auth/login", 200,
                "{\"token\":null,\"secondFactor\":\"totp\",\"pendingToken\":\"hdpend_1\"}");
        server.answer("POST", "/api/v1/auth/second-factor", 200,
                "{\"token\":\"hds_after\",\"accountId\":\"a-1\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}");
        SecondFactorNeeded needed = assertInstanceOf(SecondFactorNeeded.class, signIn.login("ada@example.org", "x"));
        assertEquals("totp", needed.kind());
        assertEquals("hds_after", signIn.completeSecondFactor(needed.pendingToken(), "123456"));
        assertEquals(Map.of("pendingToken", "hdpend_1", "code", "123456"),
                AccountSignIn.object(server.calls.get(1).body()));
    }

    @Test
    void readsTheAccountAndSignsTheSessionOut() throws Exception {
        server.answer("GET", "/api/v1/account", 200, "{\"id\":\"a-1\",\"email\":\"ada@example.org\","
                + "\"displayName\":\"Ada\",\"role\":\"USER\",\"permissions\":[\"OWN_ACCOUNT\",\"OWN_DEVICES\"],"
                + "\"nested\":{\"ignored\":[1,{\"deep\":true}]},\"secondFactor\":\"totp\"}");
        server.answer("POST", "/api/v1/auth/logout", 204, "");
        AccountSignIn.Account account = signIn.account("hds_abc");
        assertEquals("ada@example.org", account.email());
        assertEquals(List.of("OWN_ACCOUNT", "OWN_DEVICES"), account.permissions());
        signIn.logout("hds_abc");
        assertEquals(List.of("GET /api/v1/account", "POST /api/v1/auth/logout"), server.routes());
        assertEquals("Bearer hds_abc", server.calls.get(1).authorization());
    }

    @Test
    void refusalsComeInTheServersWords() {
        server.answer("POST", "/api/v1/auth/login", 401,
                "{\"status\":401,\"code\":\"unauthorized\",\"message\":\"The e-mail address or the password is wrong\"}");
        SignInException refusal = assertThrows(SignInException.class, () -> signIn.login("a@example.org", "x"));
        assertEquals("The e-mail address or the password is wrong", refusal.getMessage());
    }

    @Test
    void anotherWebServerIsNamedAsSuch() {
        SignInException refusal = assertThrows(SignInException.class, () -> signIn.login("a@example.org", "x"));
        assertTrue(refusal.getMessage().contains("answered HTTP 404, not like a Helmdesk server: check server.url"),
                refusal.getMessage());
    }

    @Test
    void aServerThatIsNotThereIsSaidSo() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        try (AccountSignIn nowhere = new AccountSignIn(ServerUrl.parse("http://127.0.0.1:" + closed).orElseThrow())) {
            SignInException refusal = assertThrows(SignInException.class, () -> nowhere.login("a@example.org", "x"));
            assertEquals("Cannot reach the server at http://127.0.0.1:" + closed + ": the connection was refused.",
                    refusal.getMessage());
        }
    }
}
