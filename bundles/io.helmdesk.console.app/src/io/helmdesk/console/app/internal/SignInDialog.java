package io.helmdesk.console.app.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerAddress;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.console.client.api.ServerException;
import io.helmdesk.console.client.api.SignInOutcome;
import io.helmdesk.rest.api.AuthDTOs.OidcProviderDTO;
import io.helmdesk.rest.api.AuthDTOs.OidcStartDTO;

/**
 * Signing in to a server: e-mail and password, or an OpenID Connect provider the server offers (in the browser), then,
 * for an account with a second factor, its code. The password lives in the text field only while the dialog is open;
 * nothing is saved.
 */
class SignInDialog extends TitleAreaDialog {

    private final ServerClient client;
    private final ServerAddress server;

    private StackLayout pages;
    private Composite credentialsPage;
    private Composite codePage;
    private Text email;
    private Text password;
    private Text code;
    private String pendingToken;
    private ConsoleSession session;
    private Composite providersRow;
    private Text browserUrl;
    /** The sign-in in the browser being polled, if any; a new one or closing the dialog stops the old one. */
    private volatile String pollingToken;

    SignInDialog(Shell parent, ServerClient client, ServerAddress server) {
        super(parent);
        this.client = client;
        this.server = server;
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Sign in — Helmdesk Console");
        setTitle("Sign in to " + server);
        setMessage("Your e-mail address and password on this server.");
        getButton(IDialogConstants.OK_ID).setText("Sign in");
        getShell().addDisposeListener(e -> pollingToken = null);
        loadProviders();
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite stack = new Composite(area, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).hint(420, SWT.DEFAULT).applyTo(stack);
        pages = new StackLayout();
        stack.setLayout(pages);

        credentialsPage = new Composite(stack, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(10, 10).applyTo(credentialsPage);
        new Label(credentialsPage, SWT.NONE).setText("E-mail address:");
        email = new Text(credentialsPage, SWT.BORDER | SWT.SINGLE);
        email.setMessage("name@example.org");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(email);
        new Label(credentialsPage, SWT.NONE).setText("Password:");
        password = new Text(credentialsPage, SWT.BORDER | SWT.SINGLE | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(password);
        new Label(credentialsPage, SWT.NONE);
        Link links = new Link(credentialsPage, SWT.NONE);
        links.setText("<a href=\"register\">Create an account</a>  ·  <a href=\"recover\">Forgot the password?</a>");
        links.addListener(SWT.Selection, e -> {
            if ("register".equals(e.text)) {
                register();
            } else {
                requestRecovery();
            }
        });

        providersRow = new Composite(credentialsPage, SWT.NONE);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(providersRow);
        GridLayoutFactory.fillDefaults().numColumns(1).spacing(8, 6).applyTo(providersRow);
        browserUrl = new Text(credentialsPage, SWT.READ_ONLY | SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().span(2, 1).hint(400, SWT.DEFAULT).exclude(true).applyTo(browserUrl);
        browserUrl.setVisible(false);

        codePage = new Composite(stack, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(10, 10).applyTo(codePage);
        new Label(codePage, SWT.NONE).setText("Code:");
        code = new Text(codePage, SWT.BORDER | SWT.SINGLE);
        code.setTextLimit(8);
        code.setMessage("6 digits");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(code);

        pages.topControl = credentialsPage;
        return area;
    }

    @Override
    protected void okPressed() {
        submit();
    }

    /** Sends what the current page asks for; the answer arrives in the UI thread later. */
    void submit() {
        getButton(IDialogConstants.OK_ID).setEnabled(false);
        setErrorMessage(null);
        boolean askingForCode = isAskingForCode();
        String typedEmail = email.getText().strip();
        String typedPassword = password.getText();
        String typedCode = code.getText().strip();
        String pending = pendingToken;
        Job.create("Signing in to " + server, monitor -> {
            try {
                if (askingForCode) {
                    ConsoleSession signedIn = client.completeSignIn(server, pending, typedCode);
                    Ui.later(getShell(), () -> finish(signedIn));
                } else {
                    SignInOutcome outcome = client.signIn(server, typedEmail, typedPassword);
                    Ui.later(getShell(), () -> {
                        if (outcome.needsSecondFactor()) {
                            askForCode(outcome.pendingToken(), outcome.secondFactor());
                        } else {
                            finish(outcome.session());
                        }
                    });
                }
            } catch (ServerException e) {
                Ui.later(getShell(), () -> {
                    setErrorMessage(e.getMessage());
                    getButton(IDialogConstants.OK_ID).setEnabled(true);
                });
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    /** Asks the server for an account for the typed address; its password comes by e-mail. */
    void register() {
        String typedEmail = email.getText().strip();
        String language = java.util.Locale.getDefault().toLanguageTag();
        mailRequest(() -> client.register(server, typedEmail, language));
    }

    /** Asks the server to mail a link to choose a new password. */
    void requestRecovery() {
        String typedEmail = email.getText().strip();
        mailRequest(() -> client.requestRecovery(server, typedEmail));
    }

    /** A request whose answer is the server's sentence about a mail on its way. */
    private void mailRequest(MailRequest request) {
        if (email.getText().isBlank()) {
            setErrorMessage("Type your e-mail address first.");
            return;
        }
        setErrorMessage(null);
        Job.create("Asking " + server, monitor -> {
            try {
                String notice = request.send();
                Ui.later(getShell(), () -> setMessage(notice));
            } catch (ServerException e) {
                Ui.later(getShell(), () -> setErrorMessage(e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    @FunctionalInterface
    private interface MailRequest {

        String send() throws ServerException;
    }

    /** Offers the server's OpenID Connect providers, if it has any; a server without them shows nothing more. */
    private void loadProviders() {
        Job.create("Asking " + server + " for sign-in providers", monitor -> {
            try {
                List<OidcProviderDTO> providers = client.oidcProviders(server);
                Ui.later(getShell(), () -> showProviders(providers));
            } catch (ServerException e) {
                // The password sign-in reports an unreachable server; no need to say it twice.
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private void showProviders(List<OidcProviderDTO> providers) {
        for (OidcProviderDTO provider : providers) {
            Button button = new Button(providersRow, SWT.PUSH);
            button.setText("Sign in with " + provider.name());
            button.setData(provider.id());
            GridDataFactory.fillDefaults().grab(true, false).applyTo(button);
            button.addListener(SWT.Selection, e -> signInWith(provider));
        }
        if (!providers.isEmpty()) {
            getShell().pack();
        }
    }

    /** Opens the provider's page in the browser and waits for the server to see the sign-in through. */
    void signInWith(OidcProviderDTO provider) {
        setErrorMessage(null);
        Job.create("Signing in with " + provider.name(), monitor -> {
            try {
                OidcStartDTO started = client.startOidc(server, provider.id());
                pollingToken = started.pollToken();
                Ui.later(getShell(), () -> {
                    boolean opened = Program.launch(started.authorizationUrl());
                    browserUrl.setText(started.authorizationUrl());
                    browserUrl.setVisible(true);
                    ((GridData) browserUrl.getLayoutData()).exclude = false;
                    getShell().pack();
                    setMessage(opened
                            ? "Finish signing in with " + provider.name() + " in your browser; this window "
                                    + "follows."
                            : "Open this address in a browser to sign in with " + provider.name()
                                    + "; this window follows.");
                });
                poll(started.pollToken(), Instant.parse(started.expiresAt()));
            } catch (ServerException e) {
                Ui.later(getShell(), () -> setErrorMessage(e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    /** Asks every 2 seconds until the browser side is done, fails, expires, or another sign-in replaces it. */
    private void poll(String token, Instant expiresAt) {
        Job.create("Waiting for the browser", monitor -> {
            if (!token.equals(pollingToken)) {
                return Status.OK_STATUS;
            }
            try {
                Optional<SignInOutcome> outcome = client.pollOidc(server, token);
                if (outcome.isEmpty()) {
                    if (Instant.now().isBefore(expiresAt)) {
                        poll(token, expiresAt);
                    }
                    return Status.OK_STATUS;
                }
                pollingToken = null;
                Ui.later(getShell(), () -> {
                    browserUrl.setVisible(false);
                    if (outcome.get().needsSecondFactor()) {
                        askForCode(outcome.get().pendingToken(), outcome.get().secondFactor());
                    } else {
                        finish(outcome.get().session());
                    }
                });
            } catch (ServerException e) {
                pollingToken = null;
                Ui.later(getShell(), () -> setErrorMessage(e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule(2_000);
    }

    private void askForCode(String token, String method) {
        pendingToken = token;
        password.setText(""); // checked already: not kept a moment longer
        pages.topControl = codePage;
        codePage.getParent().layout();
        switch (method == null ? "totp" : method) {
            case "email" -> {
                setTitle("Second step: the code sent by e-mail");
                setMessage("Type the 6-digit code that was just mailed to you (it works for 10 minutes).");
            }
            case "telegram" -> {
                setTitle("Second step: the code sent on Telegram");
                setMessage("Type the 6-digit code the Helmdesk bot just sent you on Telegram.");
            }
            default -> {
                setTitle("Second step: your authenticator app");
                setMessage("Type the 6-digit code your authenticator app shows for " + server + ".");
            }
        }
        getButton(IDialogConstants.OK_ID).setText("Confirm");
        getButton(IDialogConstants.OK_ID).setEnabled(true);
        code.setFocus();
    }

    private void finish(ConsoleSession signedIn) {
        session = signedIn;
        password.setText("");
        super.okPressed();
    }

    /** The session once signed in; null if the dialog was cancelled. */
    ConsoleSession session() {
        return session;
    }

    // For the console's tests: what a person types and sees.

    void type(String typedEmail, String typedPassword) {
        email.setText(typedEmail);
        password.setText(typedPassword);
    }

    void typeCode(String typedCode) {
        code.setText(typedCode);
    }

    boolean isAskingForCode() {
        return pages.topControl == codePage;
    }

    String error() {
        return getErrorMessage();
    }

    String shownMessage() {
        return getMessage();
    }

    List<String> offeredProviders() {
        return java.util.Arrays.stream(providersRow.getChildren()).map(c -> (String) c.getData()).toList();
    }

    boolean isWaiting() {
        return getButton(IDialogConstants.OK_ID) != null && !getButton(IDialogConstants.OK_ID).isEnabled();
    }
}
