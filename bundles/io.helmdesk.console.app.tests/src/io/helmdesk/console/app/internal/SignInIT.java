package io.helmdesk.console.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.testing.OsgiServices;

/**
 * Signing in from the console's real windows to the real server of the same framework: wrong password, right
 * password, then with an authenticator app as second factor.
 */
class SignInIT {

    private static final String PASSWORD = TestAdministrator.PASSWORD;
    private static String serverUrl;
    private Display display;
    private ServerHealthWindow window;
    private long lastStep = Long.MIN_VALUE;

    @BeforeAll
    static void createAdministrator() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "run with a display (./test.sh starts Xvfb)");
        serverUrl = TestAdministrator.ensureCreated();
    }

    @AfterEach
    void close() {
        if (window != null) {
            window.close();
        }
    }

    @Test
    void signInWithPasswordThenWithAnAuthenticatorApp() throws Exception {
        display = Display.getDefault();
        window = new ServerHealthWindow(OsgiServices.await(ServerClient.class),
                new ConsolePreferences(InstanceScope.INSTANCE.getNode("io.helmdesk.console.signin")), serverUrl);
        window.setBlockOnOpen(false);
        window.open();
        runUntil(() -> window.statusText().equals("Up"));

        SignInDialog dialog = window.openSignIn();
        // Registration and recovery from the dialog: this server has no SMTP configured, and says so.
        dialog.type("new.operator@example.org", "");
        dialog.register();
        runUntil(() -> dialog.error() != null);
        assertTrue(dialog.error().contains("cannot send e-mail"), dialog.error());
        dialog.type("", "");
        dialog.requestRecovery();
        runUntil(() -> "Type your e-mail address first.".equals(dialog.error()));

        dialog.type("operator@example.org", "Not-the-password-1");
        dialog.submit();
        runUntil(() -> dialog.error() != null);
        assertEquals("The e-mail address or the password is wrong", dialog.error());
        Screenshots.save(dialog.getShell(), "console-sign-in-refused.png");

        dialog.type("operator@example.org", PASSWORD);
        dialog.submit();
        runUntil(() -> window.accountText().startsWith("Signed in as"));
        assertEquals("Signed in as Olga Operator <operator@example.org>, admin", window.accountText());
        Screenshots.save(window.getShell(), "console-signed-in.png");

        // Account settings: a wrong current password is refused with the server's words.
        AccountSettingsDialog settings = window.openSettings();
        settings.typePasswords("Not-the-password-1", "Fresh-password-77");
        settings.changePassword();
        runUntil(() -> settings.error() != null);
        assertEquals("The password is wrong", settings.error());

        // Profile (ACC-4): saved on the server, read back by the window when the dialog closes.
        settings.typeProfile("Olga O.", "fr", "Europe/Paris");
        settings.saveProfile();
        runUntil(() -> "The profile is saved.".equals(settings.shownMessage()));
        Screenshots.save(settings.getShell(), "console-settings-profile.png");

        // API keys (INT-2): created with a scope, shown once, usable as a bearer token, then revoked.
        settings.showTab(AccountSettingsDialog.API_KEYS_TAB);
        settings.typeNewKey("backup script", "OWN_ACCOUNT");
        settings.createKey();
        runUntil(() -> !settings.shownNewKey().isEmpty() && settings.shownKeys().size() == 1);
        String apiKey = settings.shownNewKey();
        assertTrue(apiKey.startsWith("hdk_"), apiKey);
        assertEquals(List.of("backup script OWN_ACCOUNT active"), settings.shownKeys());
        assertEquals(200, get("/api/v1/account", apiKey).statusCode());
        Screenshots.save(settings.getShell(), "console-settings-api-keys.png");
        settings.selectKey(0);
        settings.revokeSelected();
        runUntil(() -> settings.shownKeys().equals(List.of("backup script OWN_ACCOUNT revoked")));
        assertEquals(401, get("/api/v1/account", apiKey).statusCode());

        // Codes by e-mail or Telegram need a channel this test server lacks: it says so, nothing changes.
        settings.showTab(AccountSettingsDialog.SECOND_FACTOR_TAB);
        settings.chooseMethod("email");
        settings.startSetUp();
        runUntil(() -> settings.error() != null);
        assertTrue(settings.error().contains("cannot send e-mail"), settings.error());
        settings.chooseMethod("telegram");
        settings.startSetUp();
        runUntil(() -> settings.error() != null && settings.error().contains("Telegram"));

        // The last administrator cannot delete the account: refused in the server's words.
        settings.showTab(AccountSettingsDialog.DELETE_TAB);
        settings.typeDeletion(PASSWORD, false);
        settings.deleteAccount();
        runUntil(() -> settings.error() != null && settings.error().startsWith("Tick"));
        settings.typeDeletion(PASSWORD, true);
        settings.deleteAccount();
        runUntil(() -> settings.error() != null && settings.error().contains("administrator"));
        Screenshots.save(settings.getShell(), "console-settings-delete.png");
        assertTrue(!settings.accountDeleted());

        // An authenticator app, set up from the settings: the QR code and key are shown, a first code turns it on.
        settings.showTab(AccountSettingsDialog.SECOND_FACTOR_TAB);
        settings.chooseMethod("totp");
        settings.startTotp();
        runUntil(() -> !settings.shownSecret().isEmpty());
        Screenshots.save(settings.getShell(), "console-settings-authenticator.png");
        String seed = settings.shownSecret();
        settings.typeCode(nextCode(seed));
        settings.confirmOrTurnOff();
        runUntil(() -> "The second factor is on: an authenticator app.".equals(settings.shownMessage()));
        assertTrue(settings.secondFactorText().startsWith("A second factor is on"), settings.secondFactorText());
        settings.close();

        SignInDialog second = signOutAndIn();
        second.type("operator@example.org", PASSWORD);
        second.submit();
        runUntil(second::isAskingForCode);
        Screenshots.save(second.getShell(), "console-second-factor.png");
        second.typeCode(nextCode(seed));
        second.submit();
        runUntil(() -> window.accountText().endsWith("with an authenticator app"));
        Screenshots.save(window.getShell(), "console-signed-in-2fa.png");

        // Turned off with a valid code: the account is left as the other console tests expect it.
        AccountSettingsDialog off = window.openSettings();
        off.showTab(AccountSettingsDialog.SECOND_FACTOR_TAB);
        off.typeCode(nextCode(seed));
        off.confirmOrTurnOff();
        runUntil(() -> "The second factor is off.".equals(off.shownMessage()));
        off.close();
    }

    /**
     * The code of the next time step an authenticator app would give: later than the last one used (the server takes
     * each step once), within its one step of drift, waiting for the clock if need be.
     */
    private String nextCode(String seed) throws Exception {
        long current = System.currentTimeMillis() / 30_000;
        // One step back is accepted too, unless the step is about to end before the server checks the code.
        long earliest = System.currentTimeMillis() % 30_000 < 25_000 ? current - 1 : current;
        long step = Math.max(lastStep + 1, earliest);
        while (step > System.currentTimeMillis() / 30_000 + 1) {
            Thread.sleep(200);
        }
        lastStep = step;
        return code(seed, step * 30);
    }

    private SignInDialog signOutAndIn() {
        window.signOut();
        runUntil(() -> window.accountText().equals("Not signed in"));
        return window.openSignIn();
    }

    private void runUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + OsgiServices.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "Not there within " + OsgiServices.TIMEOUT + ": " + window.accountText() + " / "
                                + window.messageText());
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> {
                });
                display.sleep();
            }
        }
    }

    private static HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(serverUrl + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** RFC 6238 with HMAC-SHA1, 6 digits, 30 s, as an authenticator app computes it. */
    private static String code(String base32, long epochSeconds) throws Exception {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer seed = ByteBuffer.allocate(base32.length() * 5 / 8);
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                seed.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(seed.array(), "HmacSHA1"));
        byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(epochSeconds / 30).array());
        int offset = hash[19] & 0xf;
        int value = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16) | ((hash[offset + 2] & 0xff) << 8)
                | (hash[offset + 3] & 0xff);
        return String.format(Locale.ROOT, "%06d", value % 1_000_000);
    }
}
