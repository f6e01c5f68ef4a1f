package io.helmdesk.console.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.testing.OsgiServices;

/** The console's window, really drawn on the display, asking the real server running in the same framework. */
class ServerHealthWindowIT {

    private static String serverUrl;
    private Display display;
    private ServerHealthWindow window;
    private ConsolePreferences preferences;

    @BeforeAll
    static void requireDisplay() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null,
                "The console tests draw real windows: run them with a display (./test.sh starts Xvfb)");
        serverUrl = OsgiServices.awaitRestApi();
    }

    @BeforeEach
    void openWindow() throws Exception {
        display = Display.getDefault();
        preferences = new ConsolePreferences(InstanceScope.INSTANCE.getNode("io.helmdesk.console.tests"));
        window = new ServerHealthWindow(OsgiServices.await(ServerClient.class), preferences, serverUrl);
        window.setBlockOnOpen(false);
        window.open();
    }

    @AfterEach
    void closeWindow() {
        window.close();
        while (display.readAndDispatch()) {
            // let the close finish
        }
    }

    @Test
    void showsTheHealthOfARunningServer() throws Exception {
        runUntil(() -> window.statusText().equals("Up"));
        assertTrue(window.versionText().startsWith("0.1.0"), window.versionText());
        assertTrue(window.databaseText().startsWith("Apache Derby 10.17"), window.databaseText());
        assertEquals("Connected to " + serverUrl + ".", window.messageText());
        assertEquals(serverUrl, preferences.serverAddress(), "a working address is remembered");
        Screenshots.save(window.getShell(), "console-server-up.png");
    }

    @Test
    void explainsAServerThatCannotBeReached() throws Exception {
        runUntil(() -> window.statusText().equals("Up"));
        window.setAddress("localhost:1");
        window.startCheck();
        runUntil(() -> window.statusText().equals("Unreachable"));
        assertTrue(window.messageText().contains("connection was refused"), window.messageText());
        assertEquals(serverUrl, preferences.serverAddress(), "a failing address is not remembered");
        Screenshots.save(window.getShell(), "console-server-unreachable.png");
    }

    @Test
    void refusesWhatIsNoServerAddressWithoutAsking() throws Exception {
        runUntil(() -> window.statusText().equals("Up"));
        window.setAddress("ftp://example.org");
        window.startCheck();
        assertEquals("Unreachable", window.statusText());
        assertTrue(window.messageText().contains("http:// or https://"), window.messageText());
        assertFalse(window.isChecking());
    }

    /** Runs the UI event loop until the condition holds, or fails after the timeout. */
    private void runUntil(BooleanSupplier condition) {
        long deadline = System.nanoTime() + OsgiServices.TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The window did not get there within " + OsgiServices.TIMEOUT + "; it shows: "
                        + window.statusText() + " / " + window.messageText());
            }
            if (!display.readAndDispatch()) {
                display.timerExec(50, () -> {
                });
                display.sleep();
            }
        }
    }
}
