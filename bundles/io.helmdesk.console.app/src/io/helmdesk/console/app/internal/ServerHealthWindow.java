package io.helmdesk.console.app.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.window.ApplicationWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerAddress;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.console.client.api.ServerException;
import io.helmdesk.rest.api.AuthDTOs.AccountDTO;
import io.helmdesk.rest.api.HealthDTO;

/**
 * The console's first window: which server to work with, and whether it is healthy. The check runs in a job, so
 * the window stays responsive while a slow or absent server is asked.
 */
class ServerHealthWindow extends ApplicationWindow {

    private static final RGB GOOD = new RGB(27, 127, 59);
    private static final RGB BAD = new RGB(179, 38, 30);

    private final Logger logger = LoggerFactory.getLogger(ServerHealthWindow.class);
    private final ServerClient client;
    private final ConsolePreferences preferences;
    private final String initialAddress;
    private final boolean checkAtOnce;

    private Text address;
    private Button check;
    private Label status;
    private Label version;
    private Label uptime;
    private Label database;
    private Label schema;
    private Label message;
    private Label signedInAs;
    private Button signIn;
    private Button settings;
    private Button computers;
    private ComputersWindow computersWindow;
    private AccountDTO account;
    private ConsoleSession session;
    private ServerAddress checkedServer;
    private Image logo;
    private Color good;
    private Color bad;

    ServerHealthWindow(ServerClient client, ConsolePreferences preferences, String serverFromCommandLine) {
        super(null);
        this.client = client;
        this.preferences = preferences;
        this.initialAddress = serverFromCommandLine != null ? serverFromCommandLine : preferences.serverAddress();
        this.checkAtOnce = serverFromCommandLine != null;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText("Helmdesk Console");
        logo = loadLogo(shell);
        if (logo != null) {
            shell.setImage(logo);
        }
        good = new Color(GOOD);
        bad = new Color(BAD);
        shell.addDisposeListener(e -> {
            if (logo != null) {
                logo.dispose();
            }
        });
    }

    @Override
    protected Point getInitialSize() {
        return new Point(680, 440);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(3).margins(16, 16).spacing(10, 10).applyTo(page);

        Label title = new Label(page, SWT.NONE);
        title.setText("Helmdesk Console");
        title.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().span(3, 1).applyTo(title);

        new Label(page, SWT.NONE).setText("Server address:");
        address = new Text(page, SWT.BORDER | SWT.SINGLE);
        address.setText(initialAddress);
        address.setMessage("e.g. helmdesk.example.org:8080");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(address);
        check = new Button(page, SWT.PUSH);
        check.setText("Check");
        check.addListener(SWT.Selection, e -> startCheck());
        address.addListener(SWT.DefaultSelection, e -> startCheck());
        parent.getShell().setDefaultButton(check);

        Group health = new Group(page, SWT.NONE);
        health.setText("Server health");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(health);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(10, 10).spacing(16, 6).applyTo(health);
        status = row(health, "Status:");
        status.setFont(JFaceResources.getBannerFont());
        version = row(health, "Version:");
        uptime = row(health, "Running for:");
        database = row(health, "Database:");
        schema = row(health, "Schema version:");

        new Label(page, SWT.NONE).setText("Account:");
        signedInAs = new Label(page, SWT.WRAP);
        signedInAs.setText("Not signed in");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(420, SWT.DEFAULT)
                .applyTo(signedInAs);
        signIn = new Button(page, SWT.PUSH);
        signIn.setText("Sign in…");
        signIn.setEnabled(false);
        signIn.addListener(SWT.Selection, e -> {
            if (session == null) {
                openSignIn();
            } else {
                signOut();
            }
        });

        new Label(page, SWT.NONE);
        computers = new Button(page, SWT.PUSH);
        computers.setText("Computers…");
        computers.setEnabled(false);
        computers.addListener(SWT.Selection, e -> openComputers());
        GridDataFactory.swtDefaults().align(SWT.END, SWT.CENTER).applyTo(computers);
        settings = new Button(page, SWT.PUSH);
        settings.setText("Account settings…");
        settings.setEnabled(false);
        settings.addListener(SWT.Selection, e -> openSettings());

        message = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(560, SWT.DEFAULT).applyTo(message);
        message.setText(checkAtOnce ? "" : "Enter the address of a Helmdesk server and press Check.");

        if (checkAtOnce) {
            parent.getDisplay().asyncExec(this::startCheck);
        }
        return page;
    }

    private static Label row(Composite parent, String caption) {
        new Label(parent, SWT.NONE).setText(caption);
        Label value = new Label(parent, SWT.NONE);
        value.setText("–");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(value);
        return value;
    }

    /** Checks the address in the text field; the result appears when the server has answered. */
    void startCheck() {
        ServerAddress server;
        try {
            server = ServerAddress.parse(address.getText());
        } catch (IllegalArgumentException e) {
            showFailure(e.getMessage());
            return;
        }
        check.setEnabled(false);
        clearValues();
        status.setForeground(null);
        status.setText("Checking…");
        message.setText("Asking " + server + " …");
        Job job = Job.create("Checking the Helmdesk server at " + server, monitor -> {
            try {
                HealthDTO health = client.health(server);
                logger.info("Server {} is {} (version {}, database {})", server, health.status(), health.version(),
                        health.database().status());
                Ui.later(getShell(), () -> showHealth(server, health));
            } catch (ServerException e) {
                logger.info("Server check failed: {}", e.getMessage());
                Ui.later(getShell(), () -> showFailure(e.getMessage()));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void showHealth(ServerAddress server, HealthDTO health) {
        boolean up = HealthDTO.UP.equals(health.status());
        status.setText(up ? "Up" : "Degraded: the server runs, its database does not answer");
        status.setForeground(up ? good : bad);
        version.setText(health.version());
        uptime.setText(formatDuration(health.uptimeSeconds()));
        database.setText("UP".equals(health.database().status())
                ? health.database().product() + " " + health.database().productVersion()
                : "Down: " + health.database().message());
        schema.setText(String.valueOf(health.database().schemaVersion()));
        message.setForeground(null);
        message.setText("Connected to " + server + ".");
        preferences.rememberServerAddress(server.toString());
        if (session != null && !session.server().equals(server)) {
            showSignedOut(); // another server: the session belongs to the one before
        }
        checkedServer = server;
        signIn.setEnabled(true);
        finishCheck();
    }

    private void showFailure(String reason) {
        status.setText("Unreachable");
        status.setForeground(bad);
        for (Label value : new Label[]{version, uptime, database, schema}) {
            value.setText("–");
        }
        message.setForeground(bad);
        message.setText(reason);
        finishCheck();
    }

    /** Opens the sign-in dialog for the server that answered; not blocking, so tests can drive it. */
    SignInDialog openSignIn() {
        SignInDialog dialog = new SignInDialog(getShell(), client, checkedServer);
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.getShell().addDisposeListener(e -> {
            if (dialog.session() != null) {
                showSignedIn(dialog.session());
            }
        });
        return dialog;
    }

    private void showSignedIn(ConsoleSession signedIn) {
        session = signedIn;
        signedInAs.setText("Signed in (" + signedIn.accountId() + ")");
        signIn.setText("Sign out");
        Job.create("Reading the account", monitor -> {
            try {
                AccountDTO account = client.account(signedIn);
                Ui.later(getShell(), () -> {
                    if (session == signedIn) {
                        this.account = account;
                        settings.setEnabled(true);
                        computers.setEnabled(true);
                        signedInAs.setText("Signed in as " + account.displayName() + " <" + account.email() + ">, "
                                + account.role().toLowerCase(java.util.Locale.ROOT)
                                + secondFactorNote(account.secondFactor()));
                        getShell().layout(true, true);
                    }
                });
            } catch (ServerException e) {
                Ui.later(getShell(), () -> message.setText(e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
        getShell().layout(true, true);
    }

    void signOut() {
        ConsoleSession ending = session;
        showSignedOut();
        Job.create("Signing out", monitor -> {
            try {
                client.signOut(ending);
            } catch (ServerException e) {
                logger.info("Sign-out on the server failed: {}", e.getMessage());
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    /** Opens the account settings; not blocking, so tests can drive it. */
    AccountSettingsDialog openSettings() {
        AccountSettingsDialog dialog = new AccountSettingsDialog(getShell(), client, session, account);
        dialog.setBlockOnOpen(false);
        dialog.open();
        dialog.getShell().addDisposeListener(e -> {
            if (dialog.accountDeleted()) {
                showSignedOut();
                message.setText("Your account was deleted.");
            } else if (session != null) {
                showSignedIn(session); // the profile or the second factor may have changed
            }
        });
        return dialog;
    }

    /**
     * Opens the signed-in account's computers, or brings them forward if open; not blocking, so tests can drive the
     * window.
     */
    ComputersWindow openComputers() {
        if (session == null) {
            return null;
        }
        if (computersWindow != null && computersWindow.getShell() != null
                && !computersWindow.getShell().isDisposed()) {
            computersWindow.getShell().setActive();
            return computersWindow;
        }
        computersWindow = new ComputersWindow(getShell(), client, session);
        computersWindow.setBlockOnOpen(false);
        computersWindow.open();
        return computersWindow;
    }

    private static String secondFactorNote(String method) {
        if (method == null) {
            return "";
        }
        return switch (method) {
            case "email" -> ", with codes by e-mail";
            case "telegram" -> ", with codes on Telegram";
            default -> ", with an authenticator app";
        };
    }

    private void showSignedOut() {
        session = null;
        account = null;
        settings.setEnabled(false);
        computers.setEnabled(false);
        if (computersWindow != null) {
            computersWindow.close(); // its session is over
            computersWindow = null;
        }
        signedInAs.setText("Not signed in");
        signIn.setText("Sign in…");
        getShell().layout(true, true);
    }

    private void clearValues() {
        for (Label value : new Label[]{version, uptime, database, schema}) {
            value.setText("–");
        }
    }

    private void finishCheck() {
        check.setEnabled(true);
        getShell().layout(true, true);
    }

    static String formatDuration(long seconds) {
        Duration duration = Duration.ofSeconds(seconds);
        if (duration.toDays() > 0) {
            return duration.toDays() + " d " + duration.toHoursPart() + " h " + duration.toMinutesPart() + " min";
        }
        if (duration.toHours() > 0) {
            return duration.toHours() + " h " + duration.toMinutesPart() + " min";
        }
        if (duration.toMinutes() > 0) {
            return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
        }
        return seconds + " s";
    }

    private Image loadLogo(Shell shell) {
        try (InputStream svg = ServerHealthWindow.class.getResourceAsStream("/icons/helmdesk.svg")) {
            return svg == null ? null : new Image(shell.getDisplay(), svg);
        } catch (IOException | RuntimeException e) {
            logger.debug("No window icon: {}", e.getMessage());
            return null;
        }
    }

    // What the window shows, for the console's tests.

    String statusText() {
        return status.getText();
    }

    String versionText() {
        return version.getText();
    }

    String databaseText() {
        return database.getText();
    }

    String messageText() {
        return message.getText();
    }

    boolean isChecking() {
        return !check.isEnabled();
    }

    String accountText() {
        return signedInAs.getText();
    }

    ConsoleSession session() {
        return session;
    }

    void setAddress(String text) {
        address.setText(text);
    }
}
