package io.helmdesk.agent.session.internal;

import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

/**
 * What the user at the reached computer sees of a session, on the agent's display: the prompts (allow the session,
 * allow control), a bar that stays on top while the session runs (who is connected, whether they control the
 * computer, a button to stop control, one to end the session) and the chat window. Every method may be called from
 * any thread; the work runs on the display's thread.
 */
final class SessionWindows {

    static final String PROMPT_TITLE = "Helmdesk: remote session request";
    static final String CONTROL_TITLE = "Helmdesk: control request";
    static final String BAR_TITLE = "Helmdesk session";
    static final String CHAT_TITLE = "Helmdesk chat";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Display display;
    private final String operator;
    private Shell bar;
    private Label barText;
    private Button stopControl;
    private Shell chat;
    private Text chatHistory;

    SessionWindows(Display display, String operator) {
        this.display = display;
        this.operator = operator;
    }

    /**
     * Asks the user; completes with true only when they choose to allow. Closing the prompt, or no answer within the
     * timeout, is a refusal.
     */
    CompletableFuture<Boolean> ask(String title, String question, String allow, String refuse, Duration timeout) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        run(() -> {
            Shell shell = new Shell(display, SWT.TITLE | SWT.ON_TOP | SWT.CLOSE);
            shell.setText(title);
            shell.setLayout(new GridLayout(2, true));
            Label text = new Label(shell, SWT.WRAP);
            text.setText(question);
            GridData textLayout = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
            textLayout.widthHint = 380;
            text.setLayoutData(textLayout);
            Button yes = new Button(shell, SWT.PUSH);
            yes.setText(allow);
            yes.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            Button no = new Button(shell, SWT.PUSH);
            no.setText(refuse);
            no.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            yes.addListener(SWT.Selection, event -> {
                answer.complete(true);
                shell.dispose();
            });
            no.addListener(SWT.Selection, event -> {
                answer.complete(false);
                shell.dispose();
            });
            shell.addListener(SWT.Dispose, event -> answer.complete(false));
            // Refusing is the default: Enter must not allow a session by accident.
            shell.setDefaultButton(no);
            shell.pack();
            centre(shell, 3);
            shell.open();
            shell.forceActive();
            display.timerExec((int) timeout.toMillis(), () -> {
                if (!shell.isDisposed()) {
                    shell.dispose();
                }
            });
        }, () -> answer.complete(false));
        return answer;
    }

    /** The bar at the top of the screen while the session runs. */
    void showBar(Runnable onStopControl, Runnable onChat, Runnable onEnd) {
        run(() -> {
            bar = new Shell(display, SWT.TITLE | SWT.ON_TOP | SWT.TOOL);
            bar.setText(BAR_TITLE);
            bar.setLayout(new GridLayout(4, false));
            barText = new Label(bar, SWT.WRAP);
            barText.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
            stopControl = button(bar, "Stop control", onStopControl);
            button(bar, "Chat", onChat);
            button(bar, "End session", onEnd);
            // Closing the bar ends the session: the user must never lose the way to stop it.
            bar.addListener(SWT.Close, event -> onEnd.run());
            controlChanged(false);
            bar.pack();
            placeBar();
            bar.open();
        }, () -> {
        });
    }

    void controlChanged(boolean controlled) {
        run(() -> {
            if (barText == null || barText.isDisposed()) {
                return;
            }
            barText.setText(controlled
                    ? operator + " controls this computer. Press Escape to take control back."
                    : operator + " sees this screen.");
            stopControl.setEnabled(controlled);
            bar.layout(true);
            bar.pack();
            placeBar();
        }, () -> {
        });
    }

    /**
     * Top centre of the primary monitor, at most as wide as it (the longer text of "controls this computer" made
     * the bar run past the right edge, cutting off "End session").
     */
    private void placeBar() {
        Rectangle area = display.getPrimaryMonitor().getClientArea();
        Point size = bar.getSize();
        if (size.x > area.width) {
            size = bar.computeSize(area.width, SWT.DEFAULT);
            bar.setSize(Math.min(area.width, size.x), size.y);
            size = bar.getSize();
        }
        bar.setLocation(area.x + Math.max(0, (area.width - size.x) / 2), area.y);
    }

    /** Shows the chat window (creating it the first time); sending a line calls {@code onSend}. */
    void showChat(Consumer<String> onSend) {
        run(() -> chatWindow(onSend).open(), () -> {
        });
    }

    /** Adds a line to the chat window, opening it so the user sees it. */
    void chatLine(String author, String text, Consumer<String> onSend) {
        run(() -> {
            Shell window = chatWindow(onSend);
            chatHistory.append((chatHistory.getCharCount() == 0 ? "" : "\n") + LocalTime.now().format(TIME) + "  "
                    + author + ": " + text);
            if (!window.isVisible()) {
                window.open();
            }
        }, () -> {
        });
    }

    /** Closes every window of the session. */
    void close() {
        run(() -> {
            for (Shell shell : new Shell[]{bar, chat}) {
                if (shell != null && !shell.isDisposed()) {
                    shell.dispose();
                }
            }
        }, () -> {
        });
    }

    private Shell chatWindow(Consumer<String> onSend) {
        if (chat != null && !chat.isDisposed()) {
            return chat;
        }
        chat = new Shell(display, SWT.SHELL_TRIM | SWT.ON_TOP);
        chat.setText(CHAT_TITLE + " with " + operator);
        chat.setLayout(new GridLayout(2, false));
        chatHistory = new Text(chat, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        GridData historyLayout = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        historyLayout.widthHint = 360;
        historyLayout.heightHint = 200;
        chatHistory.setLayoutData(historyLayout);
        Text line = new Text(chat, SWT.SINGLE | SWT.BORDER);
        line.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Runnable send = () -> {
            String text = line.getText().strip();
            if (!text.isEmpty()) {
                line.setText("");
                chatHistory.append((chatHistory.getCharCount() == 0 ? "" : "\n") + LocalTime.now().format(TIME)
                        + "  You: " + text);
                onSend.accept(text);
            }
        };
        button(chat, "Send", send);
        line.addListener(SWT.DefaultSelection, event -> send.run());
        // The window opens with the line to type in focused, not the history (which takes no typing).
        chat.addListener(SWT.Activate, event -> line.setFocus());
        // Closing hides it: the history stays for the session.
        chat.addListener(SWT.Close, event -> {
            event.doit = false;
            chat.setVisible(false);
        });
        chat.pack();
        centre(chat, 2);
        return chat;
    }

    private static Button button(Shell parent, String text, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, event -> action.run());
        return button;
    }

    private void centre(Shell shell, int heightFraction) {
        Rectangle area = display.getPrimaryMonitor().getClientArea();
        Point size = shell.getSize();
        shell.setLocation(area.x + Math.max(0, (area.width - size.x) / 2),
                area.y + Math.max(0, (area.height - size.y) / heightFraction));
    }

    /** Runs on the display's thread; when the display is gone, runs {@code otherwise} here instead. */
    private void run(Runnable onDisplay, Runnable otherwise) {
        try {
            if (display.isDisposed()) {
                otherwise.run();
                return;
            }
            display.asyncExec(onDisplay);
        } catch (SWTException disposed) {
            otherwise.run();
        }
    }
}
