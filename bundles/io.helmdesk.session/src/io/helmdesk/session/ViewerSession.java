package io.helmdesk.session;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.protocol.ErrorCode;
import io.helmdesk.protocol.ProtocolException;
import io.helmdesk.protocol.message.Bye;
import io.helmdesk.protocol.message.ChatMessage;
import io.helmdesk.protocol.message.ClipboardText;
import io.helmdesk.protocol.message.ControlRequest;
import io.helmdesk.protocol.message.ControlState;
import io.helmdesk.protocol.message.CursorPosition;
import io.helmdesk.protocol.message.CursorShape;
import io.helmdesk.protocol.message.DisplayLayout;
import io.helmdesk.protocol.message.ErrorMessage;
import io.helmdesk.protocol.message.FrameAck;
import io.helmdesk.protocol.message.FrameUpdate;
import io.helmdesk.protocol.message.KeyEvent;
import io.helmdesk.protocol.message.Message;
import io.helmdesk.protocol.message.PointerEvent;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.protocol.message.SpecialKeys;
import io.helmdesk.screen.Region;
import io.helmdesk.screen.ScreenDecoder;

/**
 * The operator's side of a session, without any user interface: the console's session window draws what it holds,
 * and tests drive it directly. It keeps the remote screen as decoded pixels, acknowledges each frame once drawn into
 * them (which paces the agent), and sends input, control requests, chat, clipboard text and files. Input is sent
 * whatever the control state: the agent decides, and drops it without its user's grant.
 */
public final class ViewerSession implements AutoCloseable {

    /** What happens in the session; called on the session's own thread, one call at a time, in order. */
    public interface Listener {

        /** The remote screen's size and monitors; the picture is blank until frames arrive. */
        default void layout(DisplayLayout layout) {
        }

        /** Pixels within {@code region} changed; read them with {@link ViewerSession#readScreen}. */
        default void screenChanged(Region region) {
        }

        default void cursorShape(CursorShape shape) {
        }

        default void cursorMoved(CursorPosition position) {
        }

        /** The agent's user granted, refused or took back control. */
        default void controlChanged(ControlState state) {
        }

        default void chat(ChatMessage message) {
        }

        /** Text the remote user copied (only in sessions that share the clipboard). */
        default void clipboard(String text) {
        }

        default void event(SessionEvent event) {
        }

        /** The session ended; called once, last. */
        default void ended(String reason) {
        }
    }

    private final Logger logger = LoggerFactory.getLogger(ViewerSession.class);
    private final Listener listener;
    private final ExecutorService thread;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong frames = new AtomicLong();
    private final String author;
    private volatile RelayChannel channel;
    private volatile FileTransfers files;
    private volatile boolean controlGranted;
    // Guarded by this:
    private ScreenDecoder decoder;

    private ViewerSession(String author, Listener listener) {
        this.author = author;
        this.listener = listener;
        this.thread = Executors.newSingleThreadExecutor(Thread.ofPlatform().name("viewer-session").daemon().factory());
    }

    /**
     * Joins a session the console opened (the REST API gave the relay address and ticket) and waits for the agent.
     *
     * @param ticket the console's ticket ({@link SessionTicket#side()} {@code CONSOLE})
     * @param author the operator's name on chat lines
     * @param filesFolder where files fetched from the agent or sent by it go; nothing in it is shared
     * @param fileEvents progress and results of transfers
     * @throws IOException when the relay refuses the ticket ({@link RelayRefusedException}: e.g. the user refused the
     *             session), the agent does not join in time, or the relay cannot be reached
     */
    public static ViewerSession join(RelayAddress relay, SessionTicket ticket, Duration pairingTimeout, String author,
            Path filesFolder, FileTransfers.Listener fileEvents, Listener listener) throws IOException {
        ViewerSession session = new ViewerSession(author, listener);
        try {
            RelayChannel.join(relay, ticket, pairingTimeout, channel -> {
                session.channel = channel;
                try {
                    session.files = new FileTransfers(channel, filesFolder, session.thread, fileEvents);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return SessionPeer.routeFiles(session.files, SessionPeer.inOrder(session.thread, session.peer()));
            });
        } catch (java.io.UncheckedIOException e) {
            session.thread.shutdownNow();
            throw e.getCause();
        } catch (IOException | RuntimeException e) {
            session.thread.shutdownNow();
            throw e;
        }
        return session;
    }

    public String sessionId() {
        return channel.sessionId();
    }

    /** Files both ways: send, fetch and list the agent's chosen folder. */
    public FileTransfers files() {
        return files;
    }

    /** Whether the agent's user granted control now (input is dropped by the agent otherwise). */
    public boolean controlGranted() {
        return controlGranted;
    }

    /** Frames received and drawn so far. */
    public long frames() {
        return frames.get();
    }

    /** Runs {@code reader} with the decoded screen, which does not change meanwhile; nothing if no layout yet. */
    public synchronized void readScreen(Consumer<ScreenDecoder> reader) {
        if (decoder != null) {
            reader.accept(decoder);
        }
    }

    /** Pointer position and buttons held (bit 0 left, 1 middle, 2 right), plus wheel steps. */
    public void pointer(int x, int y, int buttons, int wheelX, int wheelY) {
        send(new PointerEvent(Math.clamp(x, 0, 0xFFFF), Math.clamp(y, 0, 0xFFFF), buttons & 0x1F,
                Math.clamp(wheelX, -128, 127), Math.clamp(wheelY, -128, 127)));
    }

    /** A key by its X11 keysym (the character or function, not the key's position). */
    public void key(int keysym, boolean down) {
        send(new KeyEvent(keysym, down));
    }

    public void ctrlAltDel() {
        send(new SpecialKeys(SpecialKeys.Sequence.CTRL_ALT_DEL));
    }

    /** Asks the agent's user for control; the answer comes as {@link Listener#controlChanged}. */
    public void requestControl(String message) {
        send(new ControlRequest(message));
    }

    /** Hands control back to the agent's user: the agent stops taking this side's input until granted again. */
    public void giveBackControl() {
        send(new ControlState(false, "The operator gave back control"));
    }

    public void chat(String text) {
        send(new ChatMessage(System.currentTimeMillis(), author, text));
    }

    /** Puts text on the remote clipboard (the agent drops it when the session does not share the clipboard). */
    public void clipboard(String text) {
        send(new ClipboardText(text));
    }

    /** Ends the session from this side. */
    @Override
    public void close() {
        end("The operator ended the session", true);
    }

    private void send(Message message) {
        RelayChannel current = channel;
        if (current != null && !ended.get()) {
            current.send(message);
        }
    }

    private SessionPeer peer() {
        return new SessionPeer() {

            @Override
            public void received(Message message) {
                handle(message);
            }

            @Override
            public void closed(String reason) {
                end(reason, false);
            }
        };
    }

    private void handle(Message message) {
        switch (message) {
            case DisplayLayout layout -> {
                synchronized (this) {
                    decoder = new ScreenDecoder(layout.width(), layout.height());
                }
                listener.layout(layout);
            }
            case FrameUpdate update -> frame(update);
            case CursorShape shape -> listener.cursorShape(shape);
            case CursorPosition position -> listener.cursorMoved(position);
            case ControlState state -> {
                controlGranted = state.granted();
                listener.controlChanged(state);
            }
            case ChatMessage chat -> listener.chat(chat);
            case ClipboardText text -> listener.clipboard(text.text());
            case SessionEvent event -> listener.event(event);
            case Bye bye -> end(bye.message().isBlank() ? "The remote computer ended the session" : bye.message(),
                    false);
            case ErrorMessage error -> end("The remote computer refused: " + error.message(), false);
            default -> {
                // The agent never sends input or control requests: a viewer has no use for them.
                logger.debug("Session {}: {} ignored", sessionId(), message.type().displayName());
            }
        }
    }

    private void frame(FrameUpdate update) {
        // Frames carry no number: the n-th of the session is frame n, counted as it arrives, whatever becomes of it.
        long number = frames.incrementAndGet();
        Region changed;
        synchronized (this) {
            if (decoder == null) {
                refuse("A frame arrived before the display layout");
                return;
            }
            try {
                changed = decoder.apply(update);
            } catch (ProtocolException e) {
                refuse("A frame could not be decoded: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                // A bug, not the agent's fault; but the picture is now unknown and the count of frames drawn too.
                logger.error("Session {}: drawing a frame failed", sessionId(), e);
                refuse("A frame could not be drawn: " + e);
                return;
            }
        }
        send(new FrameAck(number));
        if (!changed.isEmpty()) {
            listener.screenChanged(changed);
        }
    }

    private void refuse(String reason) {
        RelayChannel current = channel;
        if (current != null) {
            current.send(new ErrorMessage(ErrorCode.PROTOCOL_VIOLATION, reason));
        }
        end(reason, false);
    }

    private void end(String reason, boolean sayBye) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        RelayChannel current = channel;
        if (current != null) {
            if (sayBye && current.isOpen()) {
                current.send(new Bye(Bye.Reason.SESSION_ENDED, reason));
            }
            current.close(reason);
        }
        FileTransfers transfers = files;
        if (transfers != null) {
            transfers.close(reason);
        }
        thread.execute(() -> {
            try {
                listener.ended(reason);
            } finally {
                thread.shutdown();
            }
        });
    }
}
