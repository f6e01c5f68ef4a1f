package io.helmdesk.agent.desktop.internal.x11;

import static io.helmdesk.agent.desktop.internal.x11.XClient.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.internal.InjectedInput;
import io.helmdesk.agent.desktop.internal.Keysyms;
import io.helmdesk.agent.desktop.internal.x11.XClient.ButtonEvent;

/** Injects into an Xvfb of the test's own and checks what the X server and a real client (xterm) received. */
class X11InputSinkTest {

    private static final Path XTERM = Path.of("/usr/bin/xterm");
    private static final int EURO = Keysyms.UNICODE_OFFSET + 0x20ac;

    private static XvfbServer xvfb;
    private static XClient client;
    private static X11Libraries libraries;

    @BeforeAll
    static void startDisplay() throws Exception {
        xvfb = XvfbServer.start(1280, 800);
        client = new XClient(xvfb.display());
        libraries = X11Libraries.load();
    }

    @AfterAll
    static void stopDisplay() throws Exception {
        if (client != null) {
            client.close();
        }
        if (xvfb != null) {
            xvfb.close();
        }
    }

    @Test
    void movesThePointerAndClampsItToTheScreen() throws Exception {
        try (X11InputSink sink = X11InputSink.open(libraries, xvfb.display(), new InjectedInput())) {
            sink.pointer(100, 200, 0);
            await("the pointer at 100,200", () -> client.pointer()[0] == 100 && client.pointer()[1] == 200);
            sink.pointer(5000, -10, 0);
            await("the pointer at 1279,0", () -> client.pointer()[0] == 1279 && client.pointer()[1] == 0);
        }
    }

    @Test
    void buttonsAndTheWheelArriveAsX11Buttons() throws Exception {
        client.window(400, 300, 200, 100);
        try (X11InputSink sink = X11InputSink.open(libraries, xvfb.display(), new InjectedInput())) {
            sink.pointer(450, 350, InputSink.BUTTON_LEFT);
            sink.pointer(450, 350, InputSink.BUTTON_LEFT | InputSink.BUTTON_RIGHT);
            await("left and right down", () -> client.pointer()[3] == 0b101);
            sink.pointer(460, 350, 0);
            sink.wheel(0, 2);
            sink.wheel(-1, 0);
            sink.wheel(0, -1);
            sink.pointer(460, 350, InputSink.BUTTON_MIDDLE);
            sink.pointer(460, 350, 0);
            assertEquals(List.of(press(1), press(3), release(1), release(3), press(5), release(5), press(5),
                    release(5), press(6), release(6), press(4), release(4), press(2), release(2)),
                    client.buttonEvents(14));
        }
    }

    private static ButtonEvent press(int button) {
        return new ButtonEvent(button, true);
    }

    private static ButtonEvent release(int button) {
        return new ButtonEvent(button, false);
    }

    @Test
    void releaseAllLeavesNoKeyOrButtonDown() throws Exception {
        try (X11InputSink sink = X11InputSink.open(libraries, xvfb.display(), new InjectedInput())) {
            sink.pointer(10, 10, InputSink.BUTTON_LEFT | InputSink.BUTTON_MIDDLE);
            sink.key(Keysyms.SHIFT_L, true);
            sink.key('q', true);
            await("keys down", client::anyKeyDown);
            sink.releaseAll();
            await("every key up", () -> !client.anyKeyDown());
            await("every button up", () -> client.pointer()[3] == 0);
            sink.ctrlAltDel();
            await("every key up after Control+Alt+Delete", () -> !client.anyKeyDown());
        }
    }

    @Test
    void typesIntoAnXtermIncludingAKeysymTheLayoutLacks(@TempDir Path directory) throws Exception {
        assumeTrue(Files.isExecutable(XTERM), "xterm is not installed (apt-get install xterm)");
        Path typed = directory.resolve("typed.txt");
        // An Xft font through fontconfig: core X fonts (xfonts-base) may be missing where only Xvfb is installed.
        ProcessBuilder builder = new ProcessBuilder(XTERM.toString(), "-display", xvfb.display(), "-fa", "monospace",
                "-fs", "10", "-geometry", "80x10+0+0", "-e", "sh", "-c", "cat > '" + typed + "'");
        builder.environment().put("LC_ALL", "C.UTF-8");
        Process xterm = builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertEquals(0, client.keycodeOf(EURO), "the test needs a keysym the layout lacks");
        try (X11InputSink sink = X11InputSink.open(libraries, xvfb.display(), new InjectedInput())) {
            // No window manager: the focus follows the pointer, so keep the pointer over the xterm.
            await("the xterm's window", () -> {
                sink.pointer(40, 40, 0);
                return client.pointer()[2] != 0 && Files.exists(typed);
            });
            sink.key(Keysyms.SHIFT_L, true);
            type(sink, 'H');
            sink.key(Keysyms.SHIFT_L, false);
            for (char letter : "ello ".toCharArray()) {
                type(sink, letter);
            }
            type(sink, EURO);
            type(sink, Keysyms.RETURN);
            await("the typed line in " + typed, () -> read(typed).equals("Hello €\n"));
            assertNotEquals(0, client.keycodeOf(EURO), "€ is bound to a spare key code while the sink is open");
        } finally {
            xterm.destroy();
            xterm.waitFor(5, TimeUnit.SECONDS);
        }
        assertEquals(0, client.keycodeOf(EURO), "closing the sink gives the spare key code back");
        assertFalse(client.anyKeyDown());
    }

    private static void type(InputSink sink, int keysym) {
        sink.key(keysym, true);
        sink.key(keysym, false);
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aKeyPressedTwiceIsReleasedOnce() throws Exception {
        try (X11InputSink sink = X11InputSink.open(libraries, xvfb.display(), new InjectedInput())) {
            sink.key('z', true);
            sink.key('z', true); // auto-repeat from the viewer
            await("z down", client::anyKeyDown);
            sink.key('z', false);
            await("z up", () -> !client.anyKeyDown());
        }
    }
}
