package io.helmdesk.console.app.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.rest.api.DeviceDTOs.AgentGatewayDTO;
import io.helmdesk.rest.api.DeviceDTOs.CreatedEnrollmentTokenDTO;
import io.helmdesk.rest.api.DeviceDTOs.EnrollmentTokenDTO;

/**
 * How a computer joins the account (DEV-1, DEV-2): where its agent connects, the certificate fingerprint it pins,
 * and an enrollment token created here, whose secret is shown this once. The lines for the agent's
 * {@code etc/io.helmdesk.agent.cfg} are written out to copy. The account's tokens are listed and can be revoked.
 */
class AddComputerDialog extends ServerDialog {

    static final String AGENT_SETTINGS_FILE = "etc/io.helmdesk.agent.cfg";
    private static final Color MUTED = new Color(100, 108, 120);

    private final ServerClient client;
    private final ConsoleSession session;
    private AgentGatewayDTO gateway;
    private String secret;

    private Text gatewayAddress;
    private Text pin;
    private Text tokenName;
    private Spinner maxUses;
    private Spinner validDays;
    private Text shownSecret;
    private Text agentSettings;
    private Table tokens;
    private Clipboard clipboard;

    AddComputerDialog(Shell parent, ServerClient client, ConsoleSession session) {
        super(parent, "Enrolling computers");
        this.client = client;
        this.session = session;
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Add a computer — Helmdesk Console");
        setTitle("Add a computer");
        setMessage("Give the computer's agent these settings and start it: the computer appears in the list.");
        clipboard = new Clipboard(getShell().getDisplay());
        getShell().addDisposeListener(e -> clipboard.dispose());
        inBackground(() -> {
            AgentGatewayDTO found = client.agentGateway(session);
            List<EnrollmentTokenDTO> list = client.enrollmentTokens(session);
            Ui.later(getShell(), () -> {
                gateway = found;
                gatewayAddress.setText(found.host() + ":" + found.port());
                pin.setText(found.pin());
                showAgentSettings();
                showTokens(list);
            });
        });
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Composite page = new Composite(area, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(12, 8).spacing(10, 10).applyTo(page);
        GridDataFactory.fillDefaults().grab(true, true).hint(760, SWT.DEFAULT).applyTo(page);

        Group where = group(page, "1. Where the agent connects", 2);
        gatewayAddress = readOnly(where, "Agent gateway:");
        gatewayAddress.setText("Asking the server…");
        pin = readOnly(where, "Certificate pin:");
        pin.setFont(JFaceResources.getTextFont());

        Group token = group(page, "2. An enrollment token: the computer joins your account at its first start", 2);
        new Label(token, SWT.NONE).setText("Name:");
        tokenName = new Text(token, SWT.BORDER | SWT.SINGLE);
        tokenName.setTextLimit(100);
        tokenName.setMessage("e.g. Front desk computers");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(tokenName);
        new Label(token, SWT.NONE).setText("Uses:");
        maxUses = spinner(token, 0, 100_000, 1, "computers at most (0: no limit)");
        new Label(token, SWT.NONE).setText("Valid for:");
        validDays = spinner(token, 0, 3650, 7, "days (0: it does not expire)");
        new Label(token, SWT.NONE);
        Button create = new Button(token, SWT.PUSH);
        create.setText("Create the token");
        create.addListener(SWT.Selection, e -> createToken());
        new Label(token, SWT.NONE).setText("Token:");
        shownSecret = new Text(token, SWT.READ_ONLY | SWT.BORDER | SWT.SINGLE);
        shownSecret.setFont(JFaceResources.getTextFont());
        shownSecret.setMessage("The new token appears here, once");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(shownSecret);
        new Label(token, SWT.NONE);
        Label secretNote = new Label(token, SWT.WRAP);
        secretNote.setForeground(MUTED);
        secretNote.setText("The server keeps only a hash of it: it is shown this once, copy it now.");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(secretNote);

        Group settings = group(page, "3. The agent's settings", 2);
        Label how = new Label(settings, SWT.WRAP);
        how.setText("Put these lines into " + AGENT_SETTINGS_FILE + " of the agent (replacing the same keys), then "
                + "start the agent: the computer appears in the list.");
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).hint(680, SWT.DEFAULT).applyTo(how);
        agentSettings = new Text(settings, SWT.READ_ONLY | SWT.BORDER | SWT.MULTI);
        agentSettings.setFont(JFaceResources.getTextFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(agentSettings);
        Button copy = new Button(settings, SWT.PUSH);
        copy.setText("Copy");
        copy.setToolTipText("Copy the lines to the clipboard");
        GridDataFactory.swtDefaults().align(SWT.END, SWT.TOP).applyTo(copy);
        copy.addListener(SWT.Selection, e -> {
            clipboard.setContents(new Object[]{agentSettings.getText()}, new Transfer[]{TextTransfer.getInstance()});
            setMessage("The lines are copied.");
        });
        showAgentSettings();

        Group existing = group(page, "Your enrollment tokens", 1);
        tokens = new Table(existing, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        tokens.setHeaderVisible(true);
        tokens.setLinesVisible(true);
        for (String[] column : new String[][]{{"Name", "230"}, {"Starts with", "110"}, {"Used", "50"},
                {"Uses left", "80"}, {"Expires", "110"}, {"State", "90"}}) {
            TableColumn tableColumn = new TableColumn(tokens, SWT.LEFT);
            tableColumn.setText(column[0]);
            tableColumn.setWidth(Integer.parseInt(column[1]));
        }
        GridDataFactory.fillDefaults().grab(true, true).hint(700, 90).applyTo(tokens);
        Button revoke = new Button(existing, SWT.PUSH);
        revoke.setText("Revoke the selected token");
        revoke.addListener(SWT.Selection, e -> revokeSelected());
        return area;
    }

    void createToken() {
        String name = tokenName.getText().strip();
        int uses = maxUses.getSelection();
        int days = validDays.getSelection();
        inBackground(() -> {
            CreatedEnrollmentTokenDTO created = client.createEnrollmentToken(session, name, uses, days);
            List<EnrollmentTokenDTO> list = client.enrollmentTokens(session);
            Ui.later(getShell(), () -> {
                secret = created.secret();
                shownSecret.setText(secret);
                showAgentSettings();
                showTokens(list);
                tokenName.setText("");
                setMessage("The token \"" + created.token().name() + "\" is created. Copy it now: it is not shown "
                        + "again.");
            });
        });
    }

    void revokeSelected() {
        if (tokens.getSelectionCount() == 0) {
            setErrorMessage("Select a token first.");
            return;
        }
        EnrollmentTokenDTO token = (EnrollmentTokenDTO) tokens.getSelection()[0].getData();
        inBackground(() -> {
            client.revokeEnrollmentToken(session, token.id());
            List<EnrollmentTokenDTO> list = client.enrollmentTokens(session);
            Ui.later(getShell(), () -> {
                showTokens(list);
                setMessage("The token \"" + token.name() + "\" is revoked: no more computers join with it. Those "
                        + "that did stay.");
            });
        });
    }

    private void showAgentSettings() {
        String address = gateway == null ? "…" : gateway.host() + ":" + gateway.port();
        String fingerprint = gateway == null ? "…" : gateway.pin();
        agentSettings.setText("server.address = " + address + "\nserver.pin = " + fingerprint + "\n"
                + (secret == null ? "#.enrollment.token = (create a token above)" : ".enrollment.token = " + secret));
        agentSettings.getParent().layout(true, true);
    }

    private void showTokens(List<EnrollmentTokenDTO> list) {
        tokens.removeAll();
        ZoneId zone = ZoneId.systemDefault();
        for (EnrollmentTokenDTO token : list) {
            TableItem item = new TableItem(tokens, SWT.NONE);
            item.setText(new String[]{token.name(), token.prefix() + "…", String.valueOf(token.uses()),
                    token.usesLeft() < 0 ? "no limit" : String.valueOf(token.usesLeft()),
                    token.expiresAt() == null ? "never" : DeviceText.day(token.expiresAt(), zone), state(token)});
            item.setData(token);
        }
    }

    private static String state(EnrollmentTokenDTO token) {
        if (token.revokedAt() != null) {
            return "revoked";
        }
        Instant expires = DeviceText.instant(token.expiresAt());
        if (expires != null && expires.isBefore(Instant.now())) {
            return "expired";
        }
        return token.usesLeft() == 0 ? "used up" : "valid";
    }

    private static Group group(Composite parent, String title, int columns) {
        Group group = new Group(parent, SWT.NONE);
        group.setText(title);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        GridLayoutFactory.swtDefaults().numColumns(columns).margins(10, 8).spacing(10, 8).applyTo(group);
        return group;
    }

    private static Text readOnly(Composite parent, String caption) {
        new Label(parent, SWT.NONE).setText(caption);
        Text text = new Text(parent, SWT.READ_ONLY | SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        return text;
    }

    private static Spinner spinner(Composite parent, int minimum, int maximum, int initial, String unit) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(6, 0).applyTo(box);
        Spinner spinner = new Spinner(box, SWT.BORDER);
        spinner.setValues(initial, minimum, maximum, 0, 1, 10);
        Label note = new Label(box, SWT.NONE);
        note.setText(unit);
        note.setForeground(MUTED);
        return spinner;
    }

    // For the console's tests: what a person types and sees.

    void typeToken(String name, int uses, int days) {
        tokenName.setText(name);
        maxUses.setSelection(uses);
        validDays.setSelection(days);
    }

    boolean gatewayShown() {
        return gateway != null;
    }

    String gatewayText() {
        return gatewayAddress.getText();
    }

    String pinText() {
        return pin.getText();
    }

    String shownSecret() {
        return shownSecret.getText();
    }

    String agentSettingsText() {
        return agentSettings.getText();
    }

    /** The tokens as listed: "name prefix… state". */
    List<String> shownTokens() {
        List<String> rows = new ArrayList<>();
        for (TableItem item : tokens.getItems()) {
            rows.add(item.getText(0) + " " + item.getText(1) + " " + item.getText(5));
        }
        return rows;
    }

    void selectToken(int index) {
        tokens.setSelection(index);
    }

    String shownMessage() {
        return getMessage();
    }

    String error() {
        return getErrorMessage();
    }
}
