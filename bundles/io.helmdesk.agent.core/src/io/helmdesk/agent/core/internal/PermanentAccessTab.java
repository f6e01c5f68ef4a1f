package io.helmdesk.agent.core.internal;

import java.util.Optional;

import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Text;

/**
 * The "Permanent access" tab of the agent's window (DEV-1, DEV-12): whose computer this is and whether it is
 * connected, its name as the server shows it, and while it is in no account a sign-in that adds it to one. Lives on
 * the UI thread; the state comes from {@link AgentLink}, the sign-in runs in a {@link SignInFlow}.
 */
final class PermanentAccessTab {

    static final String TITLE = "Permanent access";
    /** Where text wraps inside the sign-in group; the page's own text is as wide as the group. */
    private static final int TEXT_WIDTH = 380;
    private static final int GROUP_MARGINS = 22;

    private final Display display;
    private final Shell shell;
    private final Optional<ServerUrl> url;
    private final Font bold;
    private final Font headlineFont;
    private final Color green;
    private final Color red;
    private final Color grey;
    private final Label headline;
    private final Label connection;
    private final Label notice;
    private final Label name;
    private final Label server;
    private final Label separator;
    private final Group signInGroup;
    private final Label intro;
    private final Text email;
    private final Label passwordLabel;
    private final Text password;
    private final Label codeLabel;
    private final Text code;
    private final Label codeHint;
    private final Label message;
    private final Button startOver;
    private final Button submit;
    private final SignInFlow flow;
    private boolean busy;
    private boolean codeStep;
    private LinkState shown;

    PermanentAccessTab(TabFolder folder, AgentLink link, Optional<ServerUrl> url) {
        this.display = folder.getDisplay();
        this.shell = folder.getShell();
        this.url = url;
        FontData[] base = display.getSystemFont().getFontData();
        this.bold = new Font(display, withStyle(base, SWT.BOLD, 0));
        this.headlineFont = new Font(display, withStyle(base, SWT.BOLD, 2));
        this.green = new Color(0x1e, 0x7b, 0x34);
        this.red = new Color(0xb0, 0x1e, 0x1e);
        this.grey = new Color(0x55, 0x5b, 0x61);

        TabItem item = new TabItem(folder, SWT.NONE);
        item.setText(TITLE);
        Composite page = new Composite(folder, SWT.NONE);
        item.setControl(page);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 16;
        layout.marginHeight = 14;
        layout.verticalSpacing = 8;
        layout.horizontalSpacing = 12;
        page.setLayout(layout);

        headline = wrapping(page, TEXT_WIDTH + GROUP_MARGINS);
        headline.setFont(headlineFont);
        connection = wrapping(page, TEXT_WIDTH + GROUP_MARGINS);
        notice = wrapping(page, TEXT_WIDTH + GROUP_MARGINS);
        notice.setForeground(green);
        label(page, "Computer name:");
        name = new Label(page, SWT.NONE);
        name.setFont(bold);
        name.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        label(page, "Server:");
        server = new Label(page, SWT.NONE);
        server.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        separator = new Label(page, SWT.SEPARATOR | SWT.HORIZONTAL);
        separator.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));

        signInGroup = new Group(page, SWT.NONE);
        signInGroup.setText("Add this computer to your account");
        signInGroup.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        GridLayout form = new GridLayout(2, false);
        form.marginWidth = 10;
        form.marginHeight = 10;
        form.verticalSpacing = 8;
        form.horizontalSpacing = 10;
        signInGroup.setLayout(form);
        intro = wrapping(signInGroup, TEXT_WIDTH);
        label(signInGroup, "E-mail:");
        email = field(signInGroup, SWT.BORDER | SWT.SINGLE);
        passwordLabel = label(signInGroup, "Password:");
        password = field(signInGroup, SWT.BORDER | SWT.SINGLE | SWT.PASSWORD);
        codeLabel = label(signInGroup, "Code:");
        code = field(signInGroup, SWT.BORDER | SWT.SINGLE);
        code.setTextLimit(12);
        codeHint = wrapping(signInGroup, TEXT_WIDTH);
        message = wrapping(signInGroup, TEXT_WIDTH);

        Composite buttons = new Composite(signInGroup, SWT.NONE);
        buttons.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false, 2, 1));
        GridLayout row = new GridLayout(2, false);
        row.marginWidth = 0;
        row.marginHeight = 0;
        buttons.setLayout(row);
        startOver = new Button(buttons, SWT.PUSH);
        startOver.setText("Start over");
        startOver.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
        submit = new Button(buttons, SWT.PUSH);
        submit.setText("Sign in and add this computer");
        submit.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));

        flow = url.map(server -> new SignInFlow(new AccountSignIn(server), link, new OnUiThread())).orElse(null);
        submit.addListener(SWT.Selection, event -> submit());
        email.addListener(SWT.DefaultSelection, event -> submit());
        password.addListener(SWT.DefaultSelection, event -> submit());
        code.addListener(SWT.DefaultSelection, event -> submit());
        startOver.addListener(SWT.Selection, event -> startOver());
        page.addListener(SWT.Dispose, event -> dispose());

        if (url.isPresent()) {
            intro.setText("Sign in with your Helmdesk account: this computer joins it and appears in your list of "
                    + "computers. Neither your password nor the session is kept on this computer.");
        } else {
            intro.setText("To add this computer by signing in, the agent needs the server's web address: "
                    + "server.url in etc/" + AgentConfiguration.PID + ".cfg (an agent downloaded from the server "
                    + "has it).");
            email.setEnabled(false);
            password.setEnabled(false);
            submit.setEnabled(false);
        }
        showCodeStep(false, "");
        show(message, "");
        show(notice, "");
        shell.setDefaultButton(submit);
        update(link.state());
    }

    /** Shows the state of the control connection; UI thread. */
    void update(LinkState state) {
        shown = state;
        if (state.enrolled()) {
            headline.setText(state.account().isEmpty()
                    ? "This computer is in an account on this server (it joined with an enrollment token)."
                    : "This computer is in the account of " + state.account() + ".");
        } else {
            headline.setText("Not in any account yet.");
        }
        switch (state.phase()) {
            case CONNECTING -> color(connection, "Connecting…", grey);
            case WAITING_FOR_ENROLLMENT -> color(connection, "Connected to the server.", green);
            case ONLINE -> color(connection, "Online: the account's operators can reach this computer.", green);
            case OFFLINE, STOPPED -> color(connection, "Offline: " + state.detail(), red);
        }
        name.setText(state.displayName());
        server.setText(url.map(ServerUrl::toString).orElse(state.server()));
        boolean form = !state.enrolled();
        exclude(separator, !form);
        exclude(signInGroup, !form);
        if (!form) {
            busy = false;
            codeStep = false;
        }
        relayout();
    }

    /** The first field a person types into. */
    void focus() {
        if (!signInGroup.getVisible()) {
            return;
        }
        if (codeStep) {
            code.setFocus();
        } else if (email.getText().isEmpty()) {
            email.setFocus();
        } else {
            password.setFocus();
        }
    }

    private void submit() {
        if (busy || flow == null || (shown != null && shown.enrolled())) {
            return;
        }
        if (codeStep) {
            if (code.getText().isBlank()) {
                error("Enter the code");
                code.setFocus();
                return;
            }
            busy(true);
            flow.secondFactor(code.getText());
            return;
        }
        if (email.getText().isBlank() || password.getText().isEmpty()) {
            error("Enter your e-mail address and password");
            (email.getText().isBlank() ? email : password).setFocus();
            return;
        }
        busy(true);
        String typed = password.getText();
        password.setText(""); // not kept in the window either
        flow.signIn(email.getText(), typed);
    }

    private void startOver() {
        if (flow != null) {
            flow.startOver();
        }
        busy(false);
        showCodeStep(false, "");
        show(message, "");
        relayout();
        email.setFocus();
    }

    private void busy(boolean on) {
        busy = on;
        boolean usable = !on && url.isPresent();
        email.setEnabled(usable && !codeStep);
        password.setEnabled(usable && !codeStep);
        code.setEnabled(usable && codeStep);
        submit.setEnabled(usable);
        startOver.setEnabled(!on);
    }

    private void showCodeStep(boolean on, String kind) {
        codeStep = on;
        exclude(passwordLabel, on);
        exclude(password, on);
        exclude(codeLabel, !on);
        exclude(code, !on);
        exclude(codeHint, !on);
        exclude(startOver, !on);
        code.setText("");
        codeHint.setText(switch (kind) {
            case "totp" -> "Your account has a second factor: enter the 6-digit code your authenticator app shows.";
            case "email" -> "Your account has a second factor: enter the code the server has just sent by e-mail.";
            case "telegram" -> "Your account has a second factor: enter the code the server has just sent you "
                    + "on Telegram.";
            default -> "Your account has a second factor: enter its code.";
        });
        submit.setText(on ? "Confirm the code" : "Sign in and add this computer");
        busy(busy);
    }

    private void error(String text) {
        color(message, text, red);
        exclude(message, false);
        relayout();
    }

    private void relayout() {
        Composite page = headline.getParent();
        page.layout(true, true);
        signInGroup.layout(true, true);
        shell.pack();
    }

    private void dispose() {
        if (flow != null) {
            flow.close();
        }
        bold.dispose();
        headlineFont.dispose();
    }

    private static void color(Label label, String text, Color color) {
        label.setText(text);
        label.setForeground(color);
    }

    private static void show(Label label, String text) {
        label.setText(text);
        exclude(label, text.isEmpty());
    }

    private static void exclude(Control control, boolean hidden) {
        ((GridData) control.getLayoutData()).exclude = hidden;
        control.setVisible(!hidden);
    }

    private static Label label(Composite parent, String text) {
        Label label = new Label(parent, SWT.NONE);
        label.setText(text);
        label.setLayoutData(new GridData(SWT.BEGINNING, SWT.CENTER, false, false));
        return label;
    }

    private static Label wrapping(Composite parent, int width) {
        Label label = new Label(parent, SWT.WRAP);
        GridData data = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        data.widthHint = width;
        label.setLayoutData(data);
        return label;
    }

    private static Text field(Composite parent, int style) {
        Text text = new Text(parent, style);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, true, false);
        data.widthHint = 240;
        text.setLayoutData(data);
        return text;
    }

    private static FontData[] withStyle(FontData[] base, int style, int larger) {
        FontData[] changed = new FontData[base.length];
        for (int i = 0; i < base.length; i++) {
            changed[i] = new FontData(base[i].getName(), base[i].getHeight() + larger, base[i].getStyle() | style);
        }
        return changed;
    }

    /** The flow's progress, carried to the UI thread. */
    private final class OnUiThread implements SignInFlow.Progress {

        @Override
        public void working(String text) {
            run(() -> {
                color(message, text, grey);
                exclude(message, false);
                relayout();
            });
        }

        @Override
        public void secondFactorNeeded(String kind) {
            run(() -> {
                busy = false;
                showCodeStep(true, kind);
                show(message, "");
                relayout();
                code.setFocus();
            });
        }

        @Override
        public void failed(String text) {
            run(() -> {
                busy(false);
                error(text);
                if (codeStep) {
                    code.setText("");
                    code.setFocus();
                } else {
                    password.setFocus();
                }
            });
        }

        @Override
        public void done(String account) {
            run(() -> {
                busy(false);
                showCodeStep(false, "");
                show(message, "");
                email.setText("");
                show(notice, "Added. The session you signed in with is signed out again: this computer keeps "
                        + "no password and no session.");
                relayout();
            });
        }

        private void run(Runnable change) {
            try {
                display.asyncExec(() -> {
                    if (!headline.isDisposed()) {
                        change.run();
                    }
                });
            } catch (SWTException disposed) {
                // the window is gone: the agent stops
            }
        }
    }
}
