package io.helmdesk.console.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
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
        screenshot(window.getShell(), "console-server-up.png");
    }

    @Test
    void explainsAServerThatCannotBeReached() throws Exception {
        runUntil(() -> window.statusText().equals("Up"));
        window.setAddress("localhost:1");
        window.startCheck();
        runUntil(() -> window.statusText().equals("Unreachable"));
        assertTrue(window.messageText().contains("connection was refused"), window.messageText());
        assertEquals(serverUrl, preferences.serverAddress(), "a failing address is not remembered");
        screenshot(window.getShell(), "console-server-unreachable.png");
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

    /** Saves what the window shows as PNG in target/screenshots, for a person to look at. */
    private void screenshot(Shell shell, String name) throws Exception {
        String folder = System.getProperty("helmdesk.screenshots");
        if (folder == null) {
            return;
        }
        // GTK paints asynchronously: redraw now and let the paint events run before drawing into the image.
        shell.redraw(0, 0, shell.getSize().x, shell.getSize().y, true);
        shell.update();
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            if (!display.readAndDispatch()) {
                Thread.sleep(20);
            }
        }
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(image);
        try {
            // Drawn by the widgets themselves: independent of what the X server has repainted so far.
            assertTrue(shell.print(gc), "the shell could not be drawn into an image");
            ImageData data = image.getImageData();
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[]{data};
            Files.createDirectories(Path.of(folder));
            loader.save(Path.of(folder, name).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
