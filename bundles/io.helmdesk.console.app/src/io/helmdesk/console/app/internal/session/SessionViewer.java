package io.helmdesk.console.app.internal.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWTError;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Display;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.console.client.api.ServerException;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ControlState;
import io.helmdesk.protocol.message.CursorPosition;
import io.helmdesk.protocol.message.CursorShape;
import io.helmdesk.protocol.message.DisplayLayout;
import io.helmdesk.protocol.message.FileListing;
import io.helmdesk.protocol.message.Role;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.rest.api.SessionDTOs.SessionDTO;
import io.helmdesk.rest.api.SessionDTOs.SessionStartDTO;
import io.helmdesk.screen.Region;
import io.helmdesk.session.FileTransfers;
import io.helmdesk.session.IncomingOffer;
import io.helmdesk.session.RelayAddress;
import io.helmdesk.session.RelayRefusedException;
import io.helmdesk.session.SessionTicket;
import io.helmdesk.session.ViewerSession;

/**
 * The operator's side of one remote session in the console (SES-1, SES-3, SES-4, SES-5, SES-6): asks the server for
 * the session, joins it at the relay in a job while its window says whom it waits for, and then links the
 * {@link ViewerSession} to its windows: the main {@link SessionWindow} (toolbar, chat, files, events) and one more
 * window per remote monitor on request, all drawing the one {@link RemotePicture}. The session's callbacks come on its
 * own thread and are handed to the UI thread here, screen changes merged so that a slow window skips frames instead
 * of queueing them.
 */
public final class SessionViewer implements RemoteInput {

    /** How long the remote user may take to accept when the server names no expiry. */
    static final Duration DEFAULT_PAIRING = Duration.ofMinutes(2);
    /** Waiting a little beyond the tickets' expiry lets the relay's own sentence ("…did not join in time") arrive. */
    private static final Duration PAIRING_GRACE = Duration.ofSeconds(15);

    private final Logger logger = LoggerFactory.getLogger(SessionViewer.class);
    private final Display display;
    private final ServerClient client;
    private final ConsoleSession console;
    private final String deviceId;
    private final String computerName;
    private final Path filesFolder;
    private final RemotePicture picture;
    private final SessionWindow window;
    private final List<SessionWindow> monitorWindows = new ArrayList<>();
    private final Object pendingLock = new Object();
    // Guarded by pendingLock: screen changes and the pointer's place not yet shown.
    private Region pendingScreen = Region.EMPTY;
    private boolean screenFlushQueued;
    private CursorPosition pendingCursor;
    private volatile ViewerSession viewer;
    private volatile String sessionId;
    private volatile boolean closing;
    // UI thread only:
    private DisplayLayout layout;
    private boolean ended;
    private boolean controlling;
    private boolean pictureDrawn;
    private String lastClipboard;

    private SessionViewer(Display display, ServerClient client, ConsoleSession console, String deviceId,
            String computerName, Path filesFolder) {
        this.display = display;
        this.client = client;
        this.console = console;
        this.deviceId = deviceId;
        this.computerName = computerName;
        this.filesFolder = filesFolder;
        this.picture = new RemotePicture(display);
        this.window = new SessionWindow(this, display, null);
    }

    /**
     * Opens a session window to a computer and starts the session: the server offers it to the computer's agent, the
     * window waits for its user to accept. Call in the UI thread; returns at once.
     *
     * @param filesFolder where files fetched from the computer or sent by its user are saved; created if missing
     */
    public static SessionViewer connect(Display display, ServerClient client, ConsoleSession console, String deviceId,
            String computerName, Path filesFolder) {
        SessionViewer viewer = new SessionViewer(display, client, console, deviceId, computerName, filesFolder);
        viewer.window.open();
        viewer.window.status("Asking the server for a session to " + computerName + "…", false);
        Job.create("Connecting to " + computerName, monitor -> {
            viewer.start();
            return Status.OK_STATUS;
        }).schedule();
        return viewer;
    }

    /**
     * Opens a session window for a session the server already started ({@code POST /api/v1/sessions}), e.g. by a
     * caller that asked for it itself, and joins it at the relay. Call in the UI thread; returns at once.
     */
    public static SessionViewer join(Display display, ServerClient client, ConsoleSession console,
            SessionStartDTO start, String computerName, Path filesFolder) {
        SessionViewer viewer = new SessionViewer(display, client, console, start.deviceId(), computerName,
                filesFolder);
        viewer.sessionId = start.sessionId();
        viewer.window.open();
        Job.create("Joining the session with " + computerName, monitor -> {
            viewer.joinRelay(start, viewer.operatorName());
            return Status.OK_STATUS;
        }).schedule();
        return viewer;
    }

    /** The main window of the session. */
    public SessionWindow window() {
        return window;
    }

    String computerName() {
        return computerName;
    }

    String deviceId() {
        return deviceId;
    }

    Path filesFolder() {
        return filesFolder;
    }

    RemotePicture picture() {
        return picture;
    }

    /** The session's id on the server, once it started. */
    public String sessionId() {
        return sessionId;
    }

    /** Whether the session runs: joined and not ended. */
    boolean connected() {
        return viewer != null && !ended;
    }

    boolean ended() {
        return ended;
    }

    /** Whether a frame of the remote screen has been drawn (the windows stop saying they wait for one). */
    boolean pictureDrawn() {
        return pictureDrawn;
    }

    /** The remote screen's layout, or null before the first. */
    DisplayLayout layout() {
        return layout;
    }

    /** The windows showing one monitor each. */
    List<SessionWindow> monitorWindows() {
        monitorWindows.removeIf(SessionWindow::isClosed);
        return List.copyOf(monitorWindows);
    }

    // Starting

    /** In the job: the session from the server, then the relay. */
    private void start() {
        String operator = operatorName();
        SessionStartDTO start;
        try {
            start = client.startSession(console, deviceId);
        } catch (ServerException e) {
            // 409 (offline), 404, no right, unreachable: the server's sentence says which.
            fail(SessionSentences.serverRefused(e.getMessage()));
            return;
        }
        sessionId = start.sessionId();
        if (closing) {
            endOnServer();
            return;
        }
        joinRelay(start, operator);
    }

    /** In the job: joins at the relay and waits for the remote user's consent. */
    private void joinRelay(SessionStartDTO start, String operator) {
        RelayAddress relay;
        SessionTicket ticket;
        try {
            relay = new RelayAddress(start.relayHost(), start.relayPort());
            ticket = SessionTicket.of(Role.CONSOLE, start.ticket(), start.identity(), start.peerPin());
        } catch (IllegalArgumentException e) {
            fail("The server named a relay this console cannot use: " + e.getMessage());
            endOnServer();
            return;
        }
        later(() -> {
            window.status("Waiting for " + computerName + " to accept…", false);
            window.waiting(computerName);
        });
        ViewerSession joined;
        try {
            Files.createDirectories(filesFolder);
            joined = ViewerSession.join(relay, ticket, pairingTimeout(start.expiresAt()), operator,
                    filesFolder, new FileEvents(), new Events());
        } catch (IOException e) {
            if (closing) {
                logger.debug("Session {} to {} ended while waiting: {}", sessionId, computerName, e.getMessage());
                later(() -> ended(SessionSentences.CLOSED_HERE));
            } else {
                logger.info("Session {} to {} did not start: {}", sessionId, computerName, e.toString());
                String endedWith = e instanceof RelayRefusedException ? endReasonOnServer() : null;
                fail(endedWith != null
                        ? SessionSentences.serverRefused(endedWith)
                        : SessionSentences.joinFailed(e, computerName, relay));
            }
            endOnServer();
            return;
        }
        // Published before closing is looked at: a disconnect() in between then sees the session and closes it (both
        // fields are volatile; closing twice is harmless).
        viewer = joined;
        if (closing) {
            joined.close();
            return;
        }
        logger.info("Session {} to {} ({}) joined", sessionId, computerName, deviceId);
        later(this::joined);
    }

    /**
     * Why the server says the session ended, when it ended before this console joined (the user refused before the
     * console came to the relay, whose refusal of the ticket then says nothing of why); null if it does not say.
     */
    private String endReasonOnServer() {
        String id = sessionId;
        if (id == null) {
            return null;
        }
        try {
            SessionDTO session = client.remoteSession(console, id);
            return "ENDED".equals(session.state()) && session.endReason() != null && !session.endReason().isBlank()
                    ? session.endReason()
                    : null;
        } catch (ServerException e) {
            logger.debug("Session {} could not be read from the server: {}", id, e.getMessage());
            return null;
        }
    }

    private String operatorName() {
        try {
            String name = client.account(console).displayName();
            return name == null || name.isBlank() ? "Operator" : name;
        } catch (ServerException e) {
            logger.debug("The operator's name could not be read: {}", e.getMessage());
            return "Operator";
        }
    }

    static Duration pairingTimeout(String expiresAt) {
        try {
            Duration left = Duration.between(Instant.now(), Instant.parse(expiresAt)).plus(PAIRING_GRACE);
            return left.compareTo(PAIRING_GRACE) < 0 ? PAIRING_GRACE : left;
        } catch (DateTimeParseException | NullPointerException e) {
            return DEFAULT_PAIRING.plus(PAIRING_GRACE);
        }
    }

    private void fail(String sentence) {
        later(() -> {
            ended = true;
            window.failed(sentence);
        });
    }

    /** In the UI thread: the remote screen cannot be held here (the picture stays as it was); the session ends. */
    private void pictureTooLarge(int width, int height, SWTError error) {
        logger.warn("Session {}: a {}x{} picture cannot be made here", sessionId, width, height, error);
        disconnect();
        ended = true;
        window.failed(SessionSentences.screenTooLarge(width, height));
    }

    /** In the UI thread: the remote user accepted, the agent joined. */
    private void joined() {
        if (ended) {
            return;
        }
        window.joined();
        flushScreen();
        offerClipboard(window.localClipboard());
    }

    // Ending

    /**
     * Ends the session from this side: the remote computer is told, the server ends it too. The windows stay open
     * with the last picture until closed.
     */
    public void disconnect() {
        if (ended || closing) {
            return;
        }
        closing = true;
        ViewerSession current = viewer;
        if (current != null) {
            current.close(); // says bye; the session then reports the end
        } else {
            window.status("Ending the session…", false);
        }
        Job.create("Ending the session with " + computerName, monitor -> {
            endOnServer();
            return Status.OK_STATUS;
        }).schedule();
    }

    /** Ends the session on the server: a side still waiting at the relay is told, the history says it ended. */
    private void endOnServer() {
        String id = sessionId;
        if (id == null) {
            return;
        }
        try {
            client.endSession(console, id);
        } catch (ServerException e) {
            // Ended already (the relay closed it when a side left), or the server is gone: nothing to undo.
            logger.debug("Ending session {} on the server: {}", id, e.getMessage());
        }
    }

    /** The main window closed: the session ends, and its monitor windows close. */
    void mainWindowClosed() {
        disconnect();
        closing = true;
        for (SessionWindow monitorWindow : monitorWindows()) {
            monitorWindow.close();
        }
        picture.dispose();
    }

    private void ended(String reason) {
        if (ended) {
            return;
        }
        ended = true;
        controlling = false;
        String sentence = SessionSentences.ended(reason);
        window.ended(sentence);
        for (SessionWindow monitorWindow : monitorWindows()) {
            monitorWindow.ended(sentence);
        }
    }

    // Control

    /** Asks the remote user for control of mouse and keyboard; or, while the grant holds, takes it up again. */
    void requestControl() {
        ViewerSession current = viewer;
        if (current == null || ended) {
            return;
        }
        if (current.controlGranted()) {
            controlling = true;
            showControl("");
        } else {
            current.requestControl("");
            window.controlRequested();
        }
    }

    /** Stops sending mouse and keyboard and tells the agent, which takes control back for its user. */
    void giveBackControl() {
        controlling = false;
        releaseEverywhere();
        ViewerSession current = viewer;
        if (current != null) {
            current.giveBackControl();
        }
        showControl("You gave back control");
    }

    /** Whether this console's mouse and keys go to the remote computer now. */
    boolean controlling() {
        ViewerSession current = viewer;
        return controlling && current != null && current.controlGranted() && !ended;
    }

    private void controlChanged(ControlState state) {
        if (ended) {
            return;
        }
        controlling = state.granted();
        if (!state.granted()) {
            releaseEverywhere();
        }
        showControl(state.reason());
    }

    private void showControl(String reason) {
        boolean in = controlling();
        window.controlChanged(in, reason);
        for (SessionWindow monitorWindow : monitorWindows()) {
            monitorWindow.controlChanged(in, reason);
        }
    }

    private void releaseEverywhere() {
        window.releaseInput();
        for (SessionWindow monitorWindow : monitorWindows()) {
            monitorWindow.releaseInput();
        }
    }

    // Input from the windows

    @Override
    public void pointer(int x, int y, int buttons, int wheelX, int wheelY) {
        if (controlling()) {
            viewer.pointer(x, y, buttons, wheelX, wheelY);
        }
    }

    @Override
    public void key(int keysym, boolean down) {
        if (controlling()) {
            viewer.key(keysym, down);
        }
    }

    void ctrlAltDel() {
        if (controlling()) {
            viewer.ctrlAltDel();
        }
    }

    /** A chat line to the remote user; shown in the history once sent. */
    void chat(String text) {
        ViewerSession current = viewer;
        if (current == null || ended || text.isBlank()) {
            return;
        }
        current.chat(text);
        window.chatLine(System.currentTimeMillis(), "You", text, true);
    }

    /**
     * The operator came back to a session window: the local clipboard goes to the remote computer if it changed
     * since it was last sent or received (SES-6).
     */
    void offerClipboard(String text) {
        ViewerSession current = viewer;
        if (current == null || ended || text == null || text.equals(lastClipboard)) {
            return;
        }
        lastClipboard = text;
        try {
            current.clipboard(text);
        } catch (IllegalArgumentException tooLong) {
            window.status("The copied text is too long to share with the remote computer.", true);
        }
    }

    /** Files of this session: null until joined. */
    FileTransfers files() {
        ViewerSession current = viewer;
        return current == null ? null : current.files();
    }

    /** Opens a window that shows one monitor of the remote screen, or brings it forward if open. */
    SessionWindow openMonitorWindow(DisplayLayout.Monitor monitor) {
        for (SessionWindow open : monitorWindows()) {
            if (open.monitorId() != null && open.monitorId() == monitor.id()) {
                open.activate();
                return open;
            }
        }
        SessionWindow opened = new SessionWindow(this, display, monitor.id());
        opened.open();
        monitorWindows.add(opened);
        if (layout != null) {
            opened.layoutChanged(layout);
        }
        if (connected()) {
            opened.joined();
            opened.controlChanged(controlling(), "");
        }
        if (ended) {
            opened.ended(window.statusText());
        }
        return opened;
    }

    // From the session's thread to the UI thread

    /** Runs the update in the UI thread, unless the session's main window is closed by then. */
    private void later(Runnable update) {
        if (display.isDisposed()) {
            return;
        }
        try {
            display.asyncExec(() -> {
                if (!window.isClosed()) {
                    update.run();
                }
            });
        } catch (SWTException disposedMeanwhile) {
            // the console is shutting down: there is no window left to update
        }
    }

    private void screenChanged(Region region) {
        synchronized (pendingLock) {
            pendingScreen = pendingScreen.union(region);
            if (screenFlushQueued) {
                return;
            }
            screenFlushQueued = true;
        }
        later(this::flushScreen);
    }

    /** In the UI thread: draws what changed since the last time into the picture, and the windows redraw it. */
    private void flushScreen() {
        Region changed;
        synchronized (pendingLock) {
            screenFlushQueued = false;
            changed = pendingScreen;
            pendingScreen = Region.EMPTY;
        }
        ViewerSession current = viewer;
        if (current == null) {
            // Frames may come before the join returns: kept for when it has.
            synchronized (pendingLock) {
                pendingScreen = pendingScreen.union(changed);
            }
            return;
        }
        if (changed.isEmpty()) {
            return;
        }
        RemotePicture.Piece[] copied = new RemotePicture.Piece[1];
        int width = picture.width();
        int height = picture.height();
        current.readScreen(decoder -> copied[0] = RemotePicture.copy(decoder, changed, width, height));
        if (copied[0] == null) {
            return;
        }
        boolean resized;
        try {
            resized = picture.draw(copied[0]);
        } catch (SWTError tooLarge) {
            pictureTooLarge(copied[0].screenWidth(), copied[0].screenHeight(), tooLarge);
            return;
        }
        pictureDrawn = true;
        Region drawn = new Region(copied[0].x(), copied[0].y(), copied[0].pixels().width,
                copied[0].pixels().height);
        for (SessionWindow each : windows()) {
            each.screenChanged(drawn, resized);
        }
    }

    private void cursorMoved(CursorPosition position) {
        synchronized (pendingLock) {
            boolean queued = pendingCursor != null;
            pendingCursor = position;
            if (queued) {
                return;
            }
        }
        later(() -> {
            CursorPosition latest;
            synchronized (pendingLock) {
                latest = pendingCursor;
                pendingCursor = null;
            }
            if (latest != null) {
                picture.cursorMoved(latest);
                windows().forEach(SessionWindow::cursorChanged);
            }
        });
    }

    private List<SessionWindow> windows() {
        List<SessionWindow> all = new ArrayList<>();
        all.add(window);
        all.addAll(monitorWindows());
        all.removeIf(SessionWindow::isClosed);
        return all;
    }

    /** What the session reports, on its thread: each handed on to the UI thread. */
    private final class Events implements ViewerSession.Listener {

        @Override
        public void layout(DisplayLayout newLayout) {
            later(() -> {
                layout = newLayout;
                try {
                    picture.resize(newLayout.width(), newLayout.height());
                } catch (SWTError tooLarge) {
                    pictureTooLarge(newLayout.width(), newLayout.height(), tooLarge);
                    return;
                }
                windows().forEach(each -> each.layoutChanged(newLayout));
            });
        }

        @Override
        public void screenChanged(Region region) {
            SessionViewer.this.screenChanged(region);
        }

        @Override
        public void cursorShape(CursorShape shape) {
            later(() -> {
                picture.cursorShape(shape);
                windows().forEach(SessionWindow::cursorChanged);
            });
        }

        @Override
        public void cursorMoved(CursorPosition position) {
            SessionViewer.this.cursorMoved(position);
        }

        @Override
        public void controlChanged(ControlState state) {
            later(() -> SessionViewer.this.controlChanged(state));
        }

        @Override
        public void chat(ChatMessage message) {
            later(() -> window.chatLine(message.sentAtMillis(), message.author(), message.text(), false));
        }

        @Override
        public void clipboard(String text) {
            later(() -> {
                lastClipboard = text;
                window.setLocalClipboard(text);
            });
        }

        @Override
        public void event(SessionEvent event) {
            later(() -> window.sessionEvent(event));
        }

        @Override
        public void ended(String reason) {
            logger.info("Session {} to {} ended: {}", sessionId, computerName, reason);
            later(() -> SessionViewer.this.ended(reason));
        }
    }

    /** Transfers of this session, on its threads: each handed on to the UI thread. */
    private final class FileEvents implements FileTransfers.Listener {

        @Override
        public void offered(IncomingOffer offer) {
            // The remote user chose to send it; it lands in this console's own folder for the session's files,
            // never over an existing file, and nothing of that folder is shared.
            offer.accept();
            later(() -> window.transferStarted(offer.transferId(), offer.name(), false, offer.size()));
        }

        @Override
        public void progress(long transferId, String name, long bytesDone, long size) {
            later(() -> window.transferProgress(transferId, name, bytesDone, size));
        }

        @Override
        public void finished(long transferId, String name, boolean success, String message) {
            later(() -> window.transferFinished(transferId, name, success, message));
        }

        @Override
        public void listed(FileListing listing) {
            later(() -> window.remoteListing(listing));
        }
    }

    /** Sends a file of this computer to the remote user's chosen folder under its own name. */
    long sendFile(Path file) throws IOException {
        FileTransfers transfers = Objects.requireNonNull(files(), "not joined");
        String name = file.getFileName().toString();
        long id = transfers.send(file, name);
        window.transferStarted(id, name, true, Files.size(file));
        return id;
    }
}
