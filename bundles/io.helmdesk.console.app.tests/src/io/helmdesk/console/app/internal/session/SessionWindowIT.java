package io.helmdesk.console.app.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdesk.console.app.internal.Screenshots;
import io.helmdesk.console.app.internal.TestAdministrator;
import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerAddress;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ClipboardText;
import io.helmdesk.protocol.message.ControlRequest;
import io.helmdesk.protocol.message.ControlState;
import io.helmdesk.protocol.message.CursorPosition;
import io.helmdesk.protocol.message.DisplayLayout;
import io.helmdesk.protocol.message.FrameAck;
import io.helmdesk.protocol.message.KeyEvent;
import io.helmdesk.protocol.message.PointerEvent;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.protocol.message.SpecialKeys;
import io.helmdesk.relay.api.RelayEndpoint;
import io.helmdesk.relay.api.RelayListener;
import io.helmdesk.relay.api.RelayService;
import io.helmdesk.relay.api.RelayTickets;
import io.helmdesk.rest.api.SessionDTOs.SessionStartDTO;
import io.helmdesk.screen.CursorImages;
import io.helmdesk.session.RelayAddress;
import io.helmdesk.session.SessionTicket;
import io.helmdesk.store.api.DeviceRecord;
import io.helmdesk.store.api.DeviceRepository;
import io.helmdesk.testing.OsgiServices;
import io.helmdesk.transport.EndToEndIdentity;

/**
 * The session window, really drawn under a display, with a real {@link io.helmdesk.session.ViewerSession} joined
 * through the server's real relay (TLS, pinned certificate, single-use tickets) of the same framework. The agent's end
 * is {@link AgentEnd}: the session library the agent uses, with the test as the remote screen and user, since the
 * agent product is a runtime of its own. A test card of two monitors is encoded by the real screen encoder; the test
 * reads the canvas's pixels, moves the mouse, types, chats, copies, sends and fetches files, and saves screenshots.
 */
class SessionWindowIT {

    private static final int WIDTH = 1600;
    private static final int HEIGHT = 600;
    private static final RGB RED = new RGB(220, 38, 38);
    private static final RGB GREEN = new RGB(22, 163, 74);
    private static final RGB YELLOW = new RGB(250, 204, 21);
    private static final RGB MAGENTA = new RGB(192, 38, 211);
    private static final RGB BLUE = new RGB(37, 99, 235);
    /** The squares of the test card, in remote pixels. */
    private static final Rectangle RED_SQUARE = new Rectangle(60, 170, 200, 200);
    private static final Rectangle GREEN_SQUARE = new Rectangle(300, 170, 200, 200);
    private static final Rectangle YELLOW_SQUARE = new Rectangle(540, 170, 200, 200);
    private static final Rectangle BLUE_SQUARE = new Rectangle(1260, 170, 280, 280);

    private static String serverUrl;
    private Display display;
    private EndToEndIdentity agentIdentity;
    private EndToEndIdentity consoleIdentity;
    private ServerClient client;
    private ConsoleSession console;
    private RelayService relay;
    private Path operatorFiles;
    private Path agentFiles;
    private SessionViewer viewer;
    private AgentEnd agent;
    private final List<String> inserted = new ArrayList<>();

    @BeforeAll
    static void server() throws Exception {
        assertTrue(System.getenv("DISPLAY") != null, "run with a display (./test.sh starts Xvfb)");
        serverUrl = TestAdministrator.ensureCreated();
    }

    @BeforeEach
    void signIn() throws Exception {
        // As the server makes them for each session: each end pins the other's certificate.
        agentIdentity = EndToEndIdentity.create();
        consoleIdentity = EndToEndIdentity.create();
        display = Display.getDefault();
        client = OsgiServices.await(ServerClient.class);
        console = client.signIn(ServerAddress.parse(serverUrl), TestAdministrator.EMAIL, TestAdministrator.PASSWORD)
                .session();
        relay = OsgiServices.await(RelayService.class);
        operatorFiles = Files.createTempDirectory("helmdesk-operator-files");
        agentFiles = Files.createTempDirectory("helmdesk-agent-files");
    }

    @AfterEach
    void closeEverything() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (viewer != null) {
            viewer.window().close();
        }
        while (display.readAndDispatch()) {
            // let the windows go
        }
        DeviceRepository repository = OsgiServices.await(DeviceRepository.class);
        for (String id : inserted) {
            repository.delete(id);
        }
    }

    @Test
    void theRemoteScreenMouseKeysChatClipboardFilesAndEventsOfOneSession() throws Exception {
        RelayTickets tickets = tickets();
        viewer = SessionViewer.join(display, client, console, start(tickets), "Test PC", operatorFiles);
        SessionWindow window = viewer.window();
        assertEquals("Helmdesk — Test PC", window.getShell().getText());
        runUntil(() -> window.statusText().equals("Waiting for Test PC to accept…"));
        Screenshots.save(window.getShell(), "session-waiting.png");

        agent = agentJoins(tickets);
        runUntil(() -> window.statusText().startsWith("Connected to Test PC"));
        assertEquals("Connected to Test PC: view only. Request control to use the mouse and keyboard.",
                window.statusText());
        assertEquals("View only", window.controlText());

        // The screen: two monitors side by side, the pointer on the second, one full frame of the test card.
        agent.send(new DisplayLayout(WIDTH, HEIGHT,
                List.of(new DisplayLayout.Monitor(0, 0, 0, 800, 600, true, "DP-1"),
                        new DisplayLayout.Monitor(1, 800, 0, 800, 600, false, "HDMI-1"))));
        agent.send(arrow());
        agent.send(new CursorPosition(1100, 520, true));
        int[] card = testCard(YELLOW);
        agent.sendScreen(card, WIDTH, HEIGHT);
        runUntil(() -> close(RED, colourAt(window, centre(RED_SQUARE)))
                && close(BLUE, colourAt(window, centre(BLUE_SQUARE))),
                () -> "red " + colourAt(window,
                        centre(RED_SQUARE)) + ", blue " + colourAt(window, centre(BLUE_SQUARE)) + " at "
                        + canvasPoint(window, centre(RED_SQUARE)) + " of " + window.view().control().getSize()
                        + ", picture " + viewer.picture().width() + "x" + viewer.picture().height() + ", shown "
                        + window.view().shown());
        assertTrue(close(GREEN, colourAt(window, centre(GREEN_SQUARE))));
        assertTrue(close(YELLOW, colourAt(window, centre(YELLOW_SQUARE))));
        runUntil(() -> agent.received(FrameAck.class).size() == 1);
        assertEquals(List.of(new FrameAck(1)), agent.received(FrameAck.class), "frames are numbered by arrival");
        assertEquals(new Rectangle(0, 0, WIDTH, HEIGHT), window.view().shown());
        assertTrue(window.view().fits());
        Screenshots.save(window.getShell(), "session-whole-screen.png");
        Screenshots.saveScreen(display, "session-whole-screen-display.png");

        // A change: only what changed is sent, and drawn.
        agent.sendScreen(testCard(MAGENTA), WIDTH, HEIGHT);
        runUntil(() -> close(MAGENTA, colourAt(window, centre(YELLOW_SQUARE))));
        assertTrue(close(RED, colourAt(window, centre(RED_SQUARE))));
        runUntil(() -> agent.received(FrameAck.class).size() == 2);
        assertEquals(new FrameAck(2), agent.received(FrameAck.class).get(1));

        // Input goes out only with the remote user's grant.
        Canvas canvas = window.view().control();
        move(canvas, canvasPoint(window, centre(RED_SQUARE)));
        assertEquals(0, agent.received(PointerEvent.class).size());
        viewer.requestControl();
        assertEquals("Asking…", window.controlText());
        runUntil(() -> agent.received(ControlRequest.class).size() == 1);
        agent.send(new ControlState(true, ""));
        runUntil(() -> window.controlText().equals("In control"));
        assertEquals("In control: your mouse and keyboard act on Test PC.", window.statusText());

        // The mouse: a move, a drag with the left button from the red square to the green one, a right click, the
        // wheel; each in remote pixels.
        Point onRed = canvasPoint(window, centre(RED_SQUARE));
        Point onGreen = canvasPoint(window, centre(GREEN_SQUARE));
        move(canvas, onRed);
        mouse(canvas, SWT.MouseDown, onRed, 1);
        move(canvas, new Point((onRed.x + onGreen.x) / 2, onRed.y));
        move(canvas, onGreen);
        mouse(canvas, SWT.MouseUp, onGreen, 1);
        mouse(canvas, SWT.MouseDown, onGreen, 3);
        mouse(canvas, SWT.MouseUp, onGreen, 3);
        wheel(canvas, onGreen, 3);
        wheel(canvas, onGreen, -6);
        runUntil(() -> agent.received(PointerEvent.class).size() == 9);
        List<PointerEvent> pointer = agent.received(PointerEvent.class);
        assertTrue(RED_SQUARE.contains(pointer.get(0).x(), pointer.get(0).y()), pointer.toString());
        assertEquals(List.of(0, 1, 1, 1, 0, 4, 0, 0, 0), pointer.stream().map(PointerEvent::buttons).toList());
        assertTrue(GREEN_SQUARE.contains(pointer.get(4).x(), pointer.get(4).y()), pointer.toString());
        assertEquals(List.of(-1, 2), pointer.subList(7, 9).stream().map(PointerEvent::wheelY).toList());
        assertEquals(window.view().geometry().toRemote(onGreen.x, onGreen.y),
                new Point(pointer.get(8).x(), pointer.get(8).y()));

        // Keys by meaning: Shift+A sends Shift and "A", released as pressed; F5; AltGr+Q of a German layout "@".
        Event shift = key(SWT.SHIFT, (char) 0, SWT.LEFT);
        canvas.notifyListeners(SWT.KeyDown, shift);
        canvas.notifyListeners(SWT.KeyDown, key('a', 'A', SWT.NONE));
        canvas.notifyListeners(SWT.KeyUp, key(SWT.SHIFT, (char) 0, SWT.LEFT));
        canvas.notifyListeners(SWT.KeyUp, key('a', 'a', SWT.NONE));
        canvas.notifyListeners(SWT.KeyDown, key(SWT.F5, (char) 0, SWT.NONE));
        canvas.notifyListeners(SWT.KeyUp, key(SWT.F5, (char) 0, SWT.NONE));
        canvas.notifyListeners(SWT.KeyDown, key(SWT.ALT_GR, (char) 0, SWT.NONE));
        canvas.notifyListeners(SWT.KeyDown, key('q', '@', SWT.NONE));
        canvas.notifyListeners(SWT.KeyUp, key('q', '@', SWT.NONE));
        canvas.notifyListeners(SWT.KeyUp, key(SWT.ALT_GR, (char) 0, SWT.NONE));
        // Ctrl held while the window loses the keyboard: released on the remote computer at once.
        canvas.notifyListeners(SWT.KeyDown, key(SWT.CTRL, (char) 0, SWT.LEFT));
        window.getShell().notifyListeners(SWT.Deactivate, new Event());
        runUntil(() -> agent.received(KeyEvent.class).size() == 12);
        assertEquals(List.of("+ffe1", "+41", "-ffe1", "-41", "+ffc2", "-ffc2", "+fe03", "+40", "-40", "-fe03",
                "+ffe3", "-ffe3"), keys(agent.received(KeyEvent.class)));
        viewer.ctrlAltDel();
        runUntil(() -> agent.received(SpecialKeys.class).size() == 1);
        assertEquals(SpecialKeys.Sequence.CTRL_ALT_DEL, agent.received(SpecialKeys.class).get(0).sequence());

        // Real key presses and a real pointer move, through the X server (XTest) and GTK, as the operator makes them.
        agent.forget();
        window.getShell().forceActive();
        canvas.setFocus();
        runUntil(canvas::isFocusControl);
        post(keyPost(SWT.KeyDown, 'h'));
        post(keyPost(SWT.KeyUp, 'h'));
        post(keyPost(SWT.KeyDown, SWT.F2));
        post(keyPost(SWT.KeyUp, SWT.F2));
        Point onBlue = canvas.toDisplay(canvasPoint(window, centre(BLUE_SQUARE)));
        display.setCursorLocation(onBlue);
        post(mousePost(SWT.MouseMove, onBlue, 0));
        runUntil(() -> keys(agent.received(KeyEvent.class)).equals(List.of("+68", "-68", "+ffbf", "-ffbf"))
                && agent.received(PointerEvent.class).stream().anyMatch(p -> BLUE_SQUARE.contains(p.x(), p.y())),
                () -> agent.received(io.helmdesk.protocol.message.Message.class).toString());

        // The monitor picker: one monitor in this window, then in a window of its own.
        assertEquals(List.of("All monitors (1600×600)", "Monitor 1 DP-1 (800×600, primary)",
                "Monitor 2 HDMI-1 (800×600)"), window.monitorChoices());
        window.chooseMonitor(2);
        assertEquals(new Rectangle(800, 0, 800, 600), window.view().shown());
        // The remote layout changes (the same monitors, listed the other way round): the window keeps showing the
        // monitor it showed, now the first in the list.
        agent.send(new DisplayLayout(WIDTH, HEIGHT,
                List.of(new DisplayLayout.Monitor(1, 800, 0, 800, 600, false, "HDMI-1"),
                        new DisplayLayout.Monitor(0, 0, 0, 800, 600, true, "DP-1"))));
        runUntil(() -> window.monitorChoices().get(1).contains("HDMI-1"));
        assertEquals(new Rectangle(800, 0, 800, 600), window.view().shown());
        agent.send(new DisplayLayout(WIDTH, HEIGHT,
                List.of(new DisplayLayout.Monitor(0, 0, 0, 800, 600, true, "DP-1"),
                        new DisplayLayout.Monitor(1, 800, 0, 800, 600, false, "HDMI-1"))));
        runUntil(() -> window.monitorChoices().get(1).contains("DP-1"));
        assertEquals(new Rectangle(800, 0, 800, 600), window.view().shown());
        runUntil(() -> close(BLUE, colourAt(window, centre(BLUE_SQUARE))));
        Rectangle area = canvas.getClientArea();
        agent.forget();
        move(canvas, new Point(area.width / 2, area.height / 2));
        runUntil(() -> agent.received(PointerEvent.class).size() == 1);
        PointerEvent middle = agent.received(PointerEvent.class).get(0);
        assertTrue(Math.abs(middle.x() - 1200) <= 1 && Math.abs(middle.y() - 300) <= 1, middle.toString());
        Screenshots.save(window.getShell(), "session-monitor-2.png");
        SessionWindow second = window.openChosenMonitor();
        assertNotNull(second);
        assertEquals("Helmdesk — Test PC — Monitor 2", second.getShell().getText());
        assertEquals(new Rectangle(800, 0, 800, 600), second.view().shown());
        assertEquals("In control", second.controlText());
        runUntil(() -> close(BLUE, colourAt(second, centre(BLUE_SQUARE))));
        Screenshots.save(second.getShell(), "session-monitor-2-own-window.png");
        Screenshots.saveScreen(display, "session-two-windows-display.png");
        second.close();
        window.chooseMonitor(0);
        assertEquals(new Rectangle(0, 0, WIDTH, HEIGHT), window.view().shown());

        // 1:1 with scroll bars: the picture is wider than the window; scrolled by 300 columns.
        window.fit(false);
        ScrollBar horizontal = canvas.getHorizontalBar();
        runUntil(horizontal::getVisible);
        horizontal.setSelection(300);
        horizontal.notifyListeners(SWT.Selection, new Event());
        Rectangle picture = window.view().geometry().destination();
        assertEquals(-300, picture.x);
        agent.forget();
        move(canvas, new Point(10, picture.y + 50));
        runUntil(() -> agent.received(PointerEvent.class).size() == 1);
        assertEquals(new Point(310, 50), point(agent.received(PointerEvent.class).get(0)));
        // The red square is scrolled out of view (x 60 to 260); the green one (300 to 500) is in it.
        runUntil(() -> close(GREEN, colourAt(window, centre(GREEN_SQUARE))));
        Screenshots.save(window.getShell(), "session-one-to-one.png");
        window.fit(true);
        assertFalse(horizontal.getVisible());

        // Chat both ways; a line arriving while the panel is closed is counted on its button.
        agent.send(new ChatMessage(System.currentTimeMillis(), "Bob", "Hello from the remote side"));
        runUntil(() -> window.chat().lines().size() == 1);
        assertEquals("Chat (1)", window.chatButtonText());
        window.showPanel(SessionWindow.Panel.CHAT);
        assertEquals("Chat", window.chatButtonText());
        window.chat().type("Hi Bob, I am looking at it");
        window.chat().send();
        runUntil(() -> agent.received(ChatMessage.class).size() == 1);
        ChatMessage sent = agent.received(ChatMessage.class).get(0);
        assertEquals(client.account(console).displayName(), sent.author());
        assertEquals("Hi Bob, I am looking at it", sent.text());
        assertTrue(window.chat().lines().get(0).matches("\\[\\d\\d:\\d\\d] Bob: Hello from the remote side"),
                window.chat().lines().toString());
        assertTrue(window.chat().lines().get(1).matches("\\[\\d\\d:\\d\\d] You: Hi Bob, I am looking at it"),
                window.chat().lines().toString());
        Screenshots.save(window.getShell(), "session-chat.png");

        // The clipboard both ways: the remote user's copy lands here; coming back to the window sends ours.
        agent.send(new ClipboardText("Copied on the remote computer"));
        runUntil(() -> "Copied on the remote computer".equals(window.localClipboard()));
        Clipboard local = new Clipboard(display);
        try {
            local.setContents(new Object[]{"Copied on the operator's computer"},
                    new Transfer[]{TextTransfer.getInstance()});
        } finally {
            local.dispose();
        }
        window.getShell().notifyListeners(SWT.Activate, new Event());
        runUntil(() -> !agent.received(ClipboardText.class).isEmpty() && agent.received(ClipboardText.class)
                .getLast().text().equals("Copied on the operator's computer"));
        int clipboardsSent = agent.received(ClipboardText.class).size();
        window.getShell().notifyListeners(SWT.Activate, new Event());
        pump(300);
        assertEquals(clipboardsSent, agent.received(ClipboardText.class).size(), "unchanged: not sent again");

        // The events the remote computer recorded.
        String sessionId = tickets.sessionId();
        agent.send(new SessionEvent(sessionId, System.currentTimeMillis(), SessionEvent.Kind.CONTROL_GRANTED, "Bob",
                ""));
        agent.send(new SessionEvent(sessionId, System.currentTimeMillis(), SessionEvent.Kind.FILE_RECEIVED, "Bob",
                "report.txt"));
        window.showPanel(SessionWindow.Panel.EVENTS);
        runUntil(() -> window.events().rows().size() == 2);
        assertTrue(window.events().rows().get(0).matches("\\d\\d:\\d\\d:\\d\\d \\| Control granted \\| Bob \\| "),
                window.events().rows().toString());
        assertTrue(window.events().rows().get(1).endsWith(" | File received | Bob | report.txt"),
                window.events().rows().toString());
        Screenshots.save(window.getShell(), "session-events.png");

        // Files: the remote folder listed, a file sent there, one fetched from it, a subfolder opened.
        Files.writeString(agentFiles.resolve("notes.txt"), "Printer on the second floor: 10.0.0.7\n");
        Files.createDirectories(agentFiles.resolve("Documents"));
        Files.writeString(agentFiles.resolve("Documents/plan.txt"), "the plan");
        Path outbox = Files.createTempDirectory("helmdesk-outbox");
        Path report = outbox.resolve("report.txt");
        Files.write(report, "A report of 64 KiB\n".repeat(3450).getBytes(StandardCharsets.UTF_8));
        window.showPanel(SessionWindow.Panel.FILES);
        runUntil(() -> window.files().remoteRows().equals(List.of("Documents/", "notes.txt")));
        window.files().send(report);
        runUntil(() -> window.files().transferRows().contains("↑ report.txt: Sent. Saved as report.txt"));
        assertEquals(-1, Files.mismatch(report, agentFiles.resolve("report.txt")));
        assertTrue(window.files().select("notes.txt"));
        window.files().openSelection();
        runUntil(() -> window.files().transferRows().contains("↓ notes.txt: Received. Saved as notes.txt"));
        assertEquals("Printer on the second floor: 10.0.0.7\n", Files.readString(operatorFiles.resolve("notes.txt")));
        assertEquals(1000, window.files().progressPermille());
        window.files().browse("");
        runUntil(() -> window.files().remoteRows().equals(List.of("Documents/", "notes.txt", "report.txt")));
        assertTrue(window.files().select("Documents"));
        window.files().openSelection();
        runUntil(() -> window.files().remoteRows().equals(List.of("plan.txt")));
        Screenshots.save(window.getShell(), "session-files.png");

        // The remote user ends it: the window says so, keeps the last picture, and input stops.
        agent.send(new Bye(Bye.Reason.SESSION_ENDED, "The user ended the session"));
        agent.close("bye sent");
        runUntil(() -> window.statusText().equals("The session ended: The user ended the session."));
        assertEquals("Ended", window.controlText());
        assertTrue(close(RED, colourAt(window, centre(RED_SQUARE))));
        window.showPanel(null);
        Screenshots.save(window.getShell(), "session-ended.png");
    }

    @Test
    void theOperatorDisconnects() throws Exception {
        RelayTickets tickets = tickets();
        viewer = SessionViewer.join(display, client, console, start(tickets), "Test PC", operatorFiles);
        agent = agentJoins(tickets);
        runUntil(() -> viewer.window().statusText().startsWith("Connected to Test PC"));
        viewer.disconnect();
        runUntil(() -> viewer.window().statusText().equals("You ended the session."));
        runUntil(() -> agent.closedReason() != null);
        assertEquals("Ended", viewer.window().controlText());
    }

    @Test
    void aSessionNobodyAcceptsInTimeEndsInWords() throws Exception {
        // Tickets of 5 s: the relay tells the waiting console that the other side did not come, as it does when the
        // remote user lets the prompt run out (and, with the server's sentence, when the user refuses).
        RelayTickets tickets = tickets(Duration.ofSeconds(5));
        viewer = SessionViewer.join(display, client, console, start(tickets), "Test PC", operatorFiles);
        runUntil(() -> viewer.window().statusText().equals("Waiting for Test PC to accept…"));
        Screenshots.save(viewer.window().getShell(), "session-waiting-small.png");
        runUntil(() -> viewer.window().statusText()
                .equals("The session did not start: Test PC did not join the session in time."));
        assertEquals("Close", viewer.window().disconnectText());
        Screenshots.save(viewer.window().getShell(), "session-not-accepted.png");
    }

    @Test
    void aTicketTheRelayNoLongerTakesIsSaidInWords() throws Exception {
        // The session ended at the relay before this console came (refused at once, or ended by its operator).
        RelayTickets tickets = tickets(Duration.ofMinutes(2));
        relay.close(tickets.sessionId(), "The user refused the session");
        viewer = SessionViewer.join(display, client, console, start(tickets), "Test PC", operatorFiles);
        runUntil(() -> viewer.window().statusText().equals("The session did not start: the relay no longer takes "
                + "its ticket (used, expired or ended). Start a new session."));
        Screenshots.save(viewer.window().getShell(), "session-ticket-refused.png");
    }

    @Test
    void theServerRefusesAComputerThatIsOfflineOrUnknown() throws Exception {
        String id = insertOfflineComputer("Reception PC");
        viewer = SessionViewer.connect(display, client, console, id, "Reception PC", operatorFiles);
        runUntil(() -> viewer.window().statusText().equals("The session did not start: Reception PC is offline."));
        Screenshots.save(viewer.window().getShell(), "session-offline.png");
        viewer.window().close();

        viewer = SessionViewer.connect(display, client, console, UUID.randomUUID().toString(), "Gone PC",
                operatorFiles);
        runUntil(() -> viewer.window().statusText().startsWith("The session did not start: "));
    }

    // The session's set-up: tickets from the server's relay, as the sessions service gets them.

    private RelayTickets tickets() {
        return tickets(Duration.ofMinutes(2));
    }

    private RelayTickets tickets(Duration lifetime) {
        return relay.open("console-test-" + UUID.randomUUID(), lifetime, new RelayListener() {

            @Override
            public void paired(String sessionId) {
            }

            @Override
            public void ended(String sessionId, String reason, long bytesFromAgent, long bytesFromConsole) {
            }
        });
    }

    private SessionStartDTO start(RelayTickets tickets) {
        RelayEndpoint endpoint = relay.endpoint();
        return new SessionStartDTO(tickets.sessionId(), "test-device", "127.0.0.1", endpoint.port(),
                consoleIdentity.encode(), agentIdentity.pin(), tickets.consoleTicket(), tickets.expiresAt().toString());
    }

    private AgentEnd agentJoins(RelayTickets tickets) throws Exception {
        RelayEndpoint endpoint = relay.endpoint();
        CompletableFuture<AgentEnd> joining = CompletableFuture.supplyAsync(() -> {
            try {
                return AgentEnd.join(new RelayAddress("127.0.0.1", endpoint.port()), new SessionTicket(Role.AGENT,
                        tickets.agentTicket(), agentIdentity, consoleIdentity.pin()), agentFiles);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        runUntil(joining::isDone);
        return joining.get();
    }

    private String insertOfflineComputer(String name) throws Exception {
        DeviceRepository repository = OsgiServices.await(DeviceRepository.class);
        String id = UUID.randomUUID().toString();
        String fingerprint = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        long lastSeen = Instant.now().minus(Duration.ofHours(1)).toEpochMilli();
        repository.insert(new DeviceRecord(id, console.accountId(), "test-key-" + id, fingerprint, name, "reception",
                "", "Windows 11", "10.0", "0.1.0", lastSeen, "203.0.113.10", true, false, true, lastSeen));
        inserted.add(id);
        return id;
    }

    // The remote screen: a test card of two monitors, drawn with SWT and read back as 0x00RRGGBB.

    private int[] testCard(RGB third) {
        Image image = new Image(display, WIDTH, HEIGHT);
        GC gc = new GC(image);
        Font title = new Font(display, "Sans", 28, SWT.BOLD);
        try {
            gc.setBackground(new Color(30, 41, 59));
            gc.fillRectangle(0, 0, 800, 600);
            gc.setBackground(new Color(226, 232, 240));
            gc.fillRectangle(800, 0, 800, 600);
            gc.setFont(title);
            gc.setForeground(new Color(248, 250, 252));
            gc.drawText("Monitor 1 · DP-1", 60, 60, true);
            gc.setForeground(new Color(15, 23, 42));
            gc.drawText("Monitor 2 · HDMI-1", 860, 60, true);
            square(gc, RED, RED_SQUARE);
            square(gc, GREEN, GREEN_SQUARE);
            square(gc, third, YELLOW_SQUARE);
            square(gc, BLUE, BLUE_SQUARE);
            // Photo-like: a gradient band, which the encoder may send as JPEG.
            gc.setForeground(new Color(251, 146, 60));
            gc.setBackground(new Color(124, 58, 237));
            gc.fillGradientRectangle(60, 420, 680, 120, false);
            // Fine detail, which must stay lossless: an 8-pixel checkerboard.
            gc.setBackground(new Color(15, 23, 42));
            for (int row = 0; row < 35; row++) {
                for (int column = 0; column < 40; column++) {
                    if ((row + column) % 2 == 0) {
                        gc.fillRectangle(860 + column * 8, 170 + row * 8, 8, 8);
                    }
                }
            }
            ImageData data = image.getImageData();
            int[] pixels = new int[WIDTH * HEIGHT];
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    RGB rgb = data.palette.getRGB(data.getPixel(x, y));
                    pixels[y * WIDTH + x] = rgb.red << 16 | rgb.green << 8 | rgb.blue;
                }
            }
            return pixels;
        } finally {
            title.dispose();
            gc.dispose();
            image.dispose();
        }
    }

    private static void square(GC gc, RGB colour, Rectangle where) {
        gc.setBackground(new Color(colour));
        gc.fillRectangle(where);
    }

    /** An arrow pointer, black with a white edge, its hot spot at the tip. */
    private static io.helmdesk.protocol.message.CursorShape arrow() {
        int width = 12;
        int height = 19;
        int[] argb = new int[width * height];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean head = y < 16 && x <= y * 11 / 15;
                boolean stem = y >= 12 && x >= 4 && x <= 6;
                if (head || stem) {
                    boolean edge = x == 0 || x == y * 11 / 15 || y == 15 || (stem && (x == 4 || x == 6));
                    argb[y * width + x] = edge ? 0xFFFFFFFF : 0xFF000000;
                }
            }
        }
        return CursorImages.toShape(1, 0, 0, width, height, argb, false);
    }

    // Reading the canvas and driving it

    private static Point centre(Rectangle rectangle) {
        return new Point(rectangle.x + rectangle.width / 2, rectangle.y + rectangle.height / 2);
    }

    private static Point canvasPoint(SessionWindow window, Point remote) {
        Rectangle area = window.view().geometry().toCanvas(remote.x, remote.y, 1, 1);
        return new Point(area.x + area.width / 2, area.y + area.height / 2);
    }

    /** The colour the canvas shows at a remote pixel, as the canvas draws itself. */
    private RGB colourAt(SessionWindow window, Point remote) {
        Canvas canvas = window.view().control();
        Point at = canvasPoint(window, remote);
        Point size = canvas.getSize();
        Image image = new Image(display, size.x, size.y);
        GC gc = new GC(image);
        try {
            canvas.print(gc);
            // Drawing into an image leaves the canvas on the X screen unpainted on GTK: it draws itself again.
            canvas.redraw();
            ImageData data = image.getImageData();
            if (at.x < 0 || at.y < 0 || at.x >= data.width || at.y >= data.height) {
                return new RGB(0, 0, 0);
            }
            return data.palette.getRGB(data.getPixel(at.x, at.y));
        } finally {
            gc.dispose();
            image.dispose();
        }
    }

    private static boolean close(RGB expected, RGB actual) {
        return Math.abs(expected.red - actual.red) <= 12 && Math.abs(expected.green - actual.green) <= 12
                && Math.abs(expected.blue - actual.blue) <= 12;
    }

    private static void move(Canvas canvas, Point at) {
        mouse(canvas, SWT.MouseMove, at, 0);
    }

    private static void mouse(Canvas canvas, int type, Point at, int button) {
        Event event = new Event();
        event.x = at.x;
        event.y = at.y;
        event.button = button;
        canvas.notifyListeners(type, event);
    }

    private static void wheel(Canvas canvas, Point at, int lines) {
        Event event = new Event();
        event.x = at.x;
        event.y = at.y;
        event.count = lines;
        canvas.notifyListeners(SWT.MouseVerticalWheel, event);
    }

    private static Event key(int keyCode, char character, int location) {
        Event event = new Event();
        event.keyCode = keyCode;
        event.character = character;
        event.keyLocation = location;
        return event;
    }

    private static Event keyPost(int type, char character) {
        Event event = new Event();
        event.type = type;
        event.character = character;
        return event;
    }

    private static Event keyPost(int type, int keyCode) {
        Event event = new Event();
        event.type = type;
        event.keyCode = keyCode;
        return event;
    }

    private static Event mousePost(int type, Point at, int button) {
        Event event = new Event();
        event.type = type;
        event.x = at.x;
        event.y = at.y;
        event.button = button;
        return event;
    }

    private void post(Event event) {
        assertTrue(display.post(event), "the display took the event");
        pump(50);
    }

    private static List<String> keys(List<KeyEvent> events) {
        return events.stream().map(k -> (k.down() ? "+" : "-") + Integer.toHexString(k.keysym())).toList();
    }

    private static Point point(PointerEvent event) {
        return new Point(event.x(), event.y());
    }

    private void pump(long millis) {
        long until = System.nanoTime() + millis * 1_000_000;
        while (System.nanoTime() < until) {
            if (!display.readAndDispatch()) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void runUntil(BooleanSupplier condition) {
        runUntil(condition, () -> "");
    }

    private void runUntil(BooleanSupplier condition, java.util.function.Supplier<String> detail) {
        long deadline = System.nanoTime() + OsgiServices.TIMEOUT.toNanos();
        while (true) {
            // Everything pending first: SWT runs the session's updates (asyncExec) only once no other event waits,
            // and drawing the canvas for a check queues events of its own.
            while (display.readAndDispatch()) {
                // dispatching
            }
            if (condition.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() > deadline) {
                try {
                    Screenshots.saveScreen(display, "session-failure-" + System.currentTimeMillis() + ".png");
                } catch (Exception e) {
                    // the assertion below says what failed
                }
                throw new AssertionError("Not there within " + OsgiServices.TIMEOUT + "; the session window says: "
                        + (viewer == null ? "(none)" : viewer.window().statusText())
                        + (agent == null
                                ? ""
                                : "; the agent's end received "
                                        + agent.received(io.helmdesk.protocol.message.Message.class).size()
                                        + " messages")
                        + "; " + detail.get());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
