package io.helmdesk.console.app.internal.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Text;

/** The session's chat with the remote user (SES-3): the lines of both sides with their time, and a line to send. */
final class ChatPanel {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Composite root;
    private final Text history;
    private final Text input;
    private final Button send;
    private final Consumer<String> sender;
    private final List<String> lines = new ArrayList<>();

    ChatPanel(Composite parent, Consumer<String> sender) {
        this.sender = sender;
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(8, 8).applyTo(root);
        history = new Text(root, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).applyTo(history);
        input = new Text(root, SWT.SINGLE | SWT.BORDER);
        input.setMessage("Write to the remote user");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(input);
        input.addListener(SWT.DefaultSelection, e -> send());
        send = new Button(root, SWT.PUSH);
        send.setText("Send");
        send.addListener(SWT.Selection, e -> send());
        enable(false);
    }

    Control control() {
        return root;
    }

    /** Chat works while the session runs. */
    void enable(boolean running) {
        input.setEnabled(running);
        send.setEnabled(running);
    }

    void add(long atMillis, String author, String text) {
        String time = TIME.format(Instant.ofEpochMilli(atMillis).atZone(ZoneId.systemDefault()));
        String line = "[" + time + "] " + (author.isBlank() ? "Remote user" : author) + ": " + text;
        lines.add(line);
        history.append((history.getCharCount() == 0 ? "" : "\n") + line);
    }

    void focus() {
        input.setFocus();
    }

    /** Sends what is typed, as the Send button does. */
    void send() {
        String text = input.getText().strip();
        if (!text.isEmpty() && input.isEnabled()) {
            sender.accept(text);
            input.setText("");
        }
    }

    /** Types a line into the input, for the console's tests. */
    void type(String text) {
        input.setText(text);
    }

    /** The lines shown: "[HH:mm] author: text". */
    List<String> lines() {
        return List.copyOf(lines);
    }
}
