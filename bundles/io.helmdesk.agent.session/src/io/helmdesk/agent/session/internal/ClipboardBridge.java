package io.helmdesk.agent.session.internal;

import java.util.Objects;
import java.util.function.Consumer;

import org.eclipse.swt.SWTException;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Display;

/**
 * The reached computer's clipboard text for a session that shares it (SES-6): what the user copies goes to the viewer,
 * what the viewer sends becomes the clipboard. X11 tells nobody when the clipboard changes, so it is read twice a
 * second on the display's thread; text the viewer just set is not sent back.
 */
final class ClipboardBridge {

    private static final int POLL_MILLIS = 500;

    private final Display display;
    private Clipboard clipboard;
    private Consumer<String> onCopied;
    private String last;
    private volatile boolean running;

    ClipboardBridge(Display display) {
        this.display = display;
    }

    /** Starts watching; the text on the clipboard now is not sent, only later copies. */
    void start(Consumer<String> copied) {
        running = true;
        onDisplay(() -> {
            clipboard = new Clipboard(display);
            onCopied = copied;
            last = read();
            display.timerExec(POLL_MILLIS, this::poll);
        });
    }

    void set(String text) {
        onDisplay(() -> {
            if (clipboard == null || clipboard.isDisposed()) {
                return;
            }
            last = text;
            if (text.isEmpty()) {
                clipboard.clearContents();
            } else {
                clipboard.setContents(new Object[]{text}, new Transfer[]{TextTransfer.getInstance()});
            }
        });
    }

    void stop() {
        running = false;
        onDisplay(() -> {
            if (clipboard != null && !clipboard.isDisposed()) {
                clipboard.dispose();
            }
        });
    }

    private void poll() {
        if (!running || clipboard == null || clipboard.isDisposed()) {
            return;
        }
        String now = read();
        if (now != null && !Objects.equals(now, last)) {
            last = now;
            onCopied.accept(now);
        }
        display.timerExec(POLL_MILLIS, this::poll);
    }

    private String read() {
        Object contents = clipboard.getContents(TextTransfer.getInstance());
        return contents instanceof String text ? text : null;
    }

    private void onDisplay(Runnable work) {
        try {
            if (!display.isDisposed()) {
                display.asyncExec(work);
            }
        } catch (SWTException disposed) {
            // the agent's window is closing: no clipboard any more
        }
    }
}
