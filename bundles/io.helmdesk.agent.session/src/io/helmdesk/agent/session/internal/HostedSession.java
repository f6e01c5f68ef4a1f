package io.helmdesk.agent.session.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.api.ControlChannel;
import io.helmdesk.agent.desktop.DesktopSession;
import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.LocalInputListener;
import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ClipboardText;
import io.helmdesk.protocol.message.ControlRequest;
import io.helmdesk.protocol.message.ControlState;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.FrameAck;
import io.helmdesk.protocol.message.KeyEvent;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.PointerEvent;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.protocol.message.SpecialKeys;
import io.helmdesk.session.FileTransfers;
import io.helmdesk.session.IncomingOffer;
import io.helmdesk.session.RelayChannel;
import io.helmdesk.session.SessionPeer;

/**
 * The reached computer's side of one session, once its user allowed it. Consent is enforced here, whatever the server
 * or the viewer say: the session starts view-only; input is injected only while the user's grant holds, and is
 * dropped otherwise; Escape on this computer, the bar's "Stop control" button or closing the bar take control back at
 * once; local input pauses remote input for a moment. A {@link ControlState} granting control from the viewer is a
 * forged grant and ends the session; one that does not grant it is the operator giving control back.
 */
final class HostedSession implements SessionPeer {

    /** Remote input waits this long after the user's own mouse or keyboard. */
    static final long LOCAL_INPUT_PAUSE_NANOS = Duration.ofMillis(1000).toNanos();

    private final Logger logger = LoggerFactory.getLogger(HostedSession.class);
    private final SessionOffer offer;
    /** Whether the user allowed this session: then the user also grants control; else nobody is there to ask. */
    private final boolean attended;
    private final ControlChannel control;
    private final DesktopSession desktop;
    private final SessionWindows windows;
    private final ExecutorService work;
    private final Consumer<HostedSession> onEnded;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch started = new CountDownLatch(1);
    private final AtomicBoolean controlAsked = new AtomicBoolean();
    private final ClipboardBridge clipboard;
    private volatile boolean controlGranted;
    private volatile long remotePausedUntil = System.nanoTime();
    private volatile long inputDropped;
    private RelayChannel channel;
    private ScreenStreamer streamer;
    private FileTransfers files;

    HostedSession(SessionOffer offer, boolean attended, ControlChannel control, DesktopSession desktop,
            SessionWindows windows, ClipboardBridge clipboard, ExecutorService work, Consumer<HostedSession> onEnded) {
        this.offer = offer;
        this.attended = attended;
        this.control = control;
        this.desktop = desktop;
        this.windows = windows;
        this.clipboard = clipboard;
        this.work = work;
        this.onEnded = onEnded;
    }

    String sessionId() {
        return offer.sessionId();
    }

    /**
     * The channel, as soon as it exists: the viewer's first messages may arrive before {@link #start}, and wait for
     * it.
     */
    void attach(RelayChannel joined) throws IOException {
        this.channel = joined;
        this.files = new FileTransfers(joined, offer.filesFolder(), work, new FileEvents());
    }

    /** File transfers go to the engine on the network thread; the rest of the messages come to this session. */
    FileTransfers files() {
        return files;
    }

    /** Joined: the screen starts streaming, the user sees the bar. */
    void start() throws IOException {
        try {
            begin();
        } finally {
            started.countDown();
        }
    }

    private void begin() throws IOException {
        this.streamer = new ScreenStreamer(offer.sessionId(), desktop.screen(), channel,
                () -> end("The screen of this computer is no longer available"));
        desktop.localInput().start(new LocalInputListener() {

            @Override
            public void onLocalActivity() {
                remotePausedUntil = System.nanoTime() + LOCAL_INPUT_PAUSE_NANOS;
            }

            @Override
            public void onLocalEscape() {
                revokeControl("The user pressed Escape");
            }
        });
        if (windows != null) {
            windows.showBar(() -> revokeControl("The user stopped the control"), () -> windows.showChat(this::chat),
                    () -> end("The user ended the session"));
        }
        if (clipboard != null && offer.clipboardAllowed()) {
            clipboard.start(this::copied);
        }
        event(SessionEvent.Kind.CONNECTED, offer.operator(), "");
        streamer.start();
        logger.info("Session {} with {} started ({})", offer.sessionId(), offer.operator(), desktop.description());
    }

    @Override
    public void received(Message message) {
        if (!awaitStart()) {
            return;
        }
        switch (message) {
            case FrameAck ack -> streamer.acknowledged(ack.frameId());
            case PointerEvent pointer -> input(() -> {
                InputSink sink = desktop.input();
                sink.pointer(pointer.x(), pointer.y(), pointer.buttons() & 0x07);
                if (pointer.wheelX() != 0 || pointer.wheelY() != 0) {
                    sink.wheel(pointer.wheelX(), pointer.wheelY());
                }
            });
            case KeyEvent key -> input(() -> desktop.input().key(key.keysym(), key.down()));
            case SpecialKeys keys -> input(() -> {
                if (keys.sequence() == SpecialKeys.Sequence.CTRL_ALT_DEL) {
                    desktop.input().ctrlAltDel();
                }
            });
            case ControlRequest request -> askForControl(request);
            case ControlState givenBack when !givenBack.granted() -> revokeControl("The operator gave back control");
            case ControlState forged -> {
                logger.warn("Session {}: the viewer sent a control grant; only the user here grants control",
                        offer.sessionId());
                channel.send(new ErrorMessage(ErrorCode.UNEXPECTED_MESSAGE,
                        "Only the user of the reached computer grants control"));
                end("The viewer sent a forged control grant");
            }
            case ChatMessage chat -> {
                event(SessionEvent.Kind.CHAT, chat.author(), chat.text());
                if (windows != null) {
                    windows.chatLine(chat.author(), chat.text(), this::chat);
                }
            }
            case ClipboardText text -> {
                if (offer.clipboardAllowed() && clipboard != null) {
                    clipboard.set(text.text());
                    event(SessionEvent.Kind.CLIPBOARD, offer.operator(), text.text().length() + " characters");
                } else {
                    logger.debug("Session {}: clipboard text dropped, the session does not share the clipboard",
                            offer.sessionId());
                }
            }
            case Bye bye -> end("The operator ended the session");
            case ErrorMessage error -> end("The viewer failed: " + error.message());
            default -> logger.debug("Session {}: {} ignored", offer.sessionId(), message.type().displayName());
        }
    }

    @Override
    public void closed(String reason) {
        awaitStart();
        end("The connection ended (" + reason + ")");
    }

    /** Messages are handled on the session's executor, never on a network thread: waiting here is fine. */
    private boolean awaitStart() {
        try {
            return started.await(10, TimeUnit.SECONDS) && !ended.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Input counts only with the user's grant, and not while the user is using the computer. */
    private void input(Runnable injection) {
        if (!controlGranted || System.nanoTime() - remotePausedUntil < 0) {
            inputDropped++;
            return;
        }
        injection.run();
    }

    private void askForControl(ControlRequest request) {
        if (controlGranted || !controlAsked.compareAndSet(false, true)) {
            return;
        }
        event(SessionEvent.Kind.CONTROL_REQUESTED, offer.operator(), request.message());
        if (!attended) {
            // Unattended access (this computer lets its device setting waive consent): control comes with the
            // session. Escape and the stop button still take it back.
            controlAsked.set(false);
            controlAnswered(true, "Unattended access");
            return;
        }
        if (windows == null) {
            controlAsked.set(false);
            controlAnswered(false, "Nobody can answer on this computer");
            return;
        }
        String question = offer.operator() + " asks to control this computer (mouse and keyboard)."
                + (request.message().isBlank() ? "" : "\n\n\u201c" + request.message() + "\u201d")
                + "\n\nYou can take control back at any time with Escape or the \"Stop control\" button.";
        windows.ask(SessionWindows.CONTROL_TITLE, question, "Allow control", "Refuse", offer.promptTimeout())
                .thenAccept(allowed -> {
                    controlAsked.set(false);
                    controlAnswered(allowed, allowed ? "" : "The user refused");
                });
    }

    private void controlAnswered(boolean granted, String reason) {
        if (ended.get()) {
            return;
        }
        controlGranted = granted;
        send(new ControlState(granted, reason));
        event(granted ? SessionEvent.Kind.CONTROL_GRANTED : SessionEvent.Kind.CONTROL_REFUSED, offer.operator(),
                reason);
        if (windows != null) {
            windows.controlChanged(granted);
        }
    }

    /** Takes control back at once: input stops before anything else happens. */
    void revokeControl(String reason) {
        if (!controlGranted) {
            return;
        }
        controlGranted = false;
        work.execute(() -> desktop.input().releaseAll());
        send(new ControlState(false, reason));
        event(SessionEvent.Kind.CONTROL_REVOKED, "", reason);
        if (windows != null) {
            windows.controlChanged(false);
        }
    }

    private void copied(String text) {
        try {
            send(new ClipboardText(text));
            event(SessionEvent.Kind.CLIPBOARD, control.displayName(), text.length() + " characters");
        } catch (IllegalArgumentException tooLong) {
            logger.info("Session {}: copied text not shared: {}", offer.sessionId(), tooLong.getMessage());
        }
    }

    private void chat(String text) {
        send(new ChatMessage(System.currentTimeMillis(), control.displayName(), text));
        event(SessionEvent.Kind.CHAT, control.displayName(), text);
    }

    /** Ends the session once, from either side: both are told, everything this session opened is closed. */
    void end(String reason) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        started.countDown();
        controlGranted = false;
        logger.info("Session {} ended: {} ({} input events dropped without a grant)", offer.sessionId(), reason,
                inputDropped);
        if (streamer != null) {
            streamer.stop();
        }
        if (channel != null && channel.isOpen()) {
            channel.send(new Bye(Bye.Reason.SESSION_ENDED, reason));
            channel.close(reason);
        }
        if (files != null) {
            files.close(reason);
        }
        if (clipboard != null) {
            clipboard.stop();
        }
        desktop.close();
        if (windows != null) {
            windows.close();
        }
        event(SessionEvent.Kind.ENDED, "", reason);
        onEnded.accept(this);
    }

    private void send(Message message) {
        if (channel != null) {
            channel.send(message);
        }
    }

    /** Shown to the viewer and kept with the session on the server. */
    private void event(SessionEvent.Kind kind, String actor, String detail) {
        SessionEvent event = new SessionEvent(offer.sessionId(), System.currentTimeMillis(), kind, fit(actor, 256),
                fit(detail, 4096));
        if (kind != SessionEvent.Kind.ENDED) {
            send(event);
        }
        control.report(event);
    }

    private static String fit(String text, int maxBytes) {
        // UTF-8 bytes: a character takes up to four.
        return text.length() * 4 <= maxBytes ? text : text.substring(0, maxBytes / 4);
    }

    /** File transfers as the user and the history see them. */
    private final class FileEvents implements FileTransfers.Listener {

        /** Transfers towards this computer; every other one is the operator fetching a file from it. */
        private final Set<Long> towardsThisComputer = ConcurrentHashMap.newKeySet();

        @Override
        public void offered(IncomingOffer incoming) {
            towardsThisComputer.add(incoming.transferId());
            if (offer.filesAllowed()) {
                // The operator sends into the session's folder: the user allowed the session, and sees the event.
                incoming.accept();
            } else {
                incoming.refuse("This session does not allow file transfers");
            }
        }

        @Override
        public void progress(long transferId, String name, long bytesDone, long size) {
        }

        @Override
        public void finished(long transferId, String name, boolean success, String message) {
            boolean received = towardsThisComputer.remove(transferId);
            if (success) {
                event(received ? SessionEvent.Kind.FILE_RECEIVED : SessionEvent.Kind.FILE_SENT,
                        offer.operator(), name);
            }
        }

        @Override
        public boolean allowRequest(String path) {
            return offer.filesAllowed();
        }
    }
}
