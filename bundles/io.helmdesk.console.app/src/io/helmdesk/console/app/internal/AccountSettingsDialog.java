package io.helmdesk.console.app.internal;

import java.io.ByteArrayInputStream;
import java.util.Base64;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Text;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.console.client.api.ServerException;
import io.helmdesk.rest.api.AuthDTOs.TotpEnrollmentDTO;

/** The signed-in account's settings: password and second factor. Every change is made on the server at once. */
class AccountSettingsDialog extends TitleAreaDialog {

    /** A call to the server, made in the background. */
    @FunctionalInterface
    private interface ServerCall {

        void run() throws ServerException;
    }

    private final ServerClient client;
    private final ConsoleSession session;
    private final boolean secondFactorOn;

    private Text currentPassword;
    private Text newPassword;
    private Text repeatPassword;
    private Label secondFactorState;
    private Button setUp;
    private Label qrCode;
    private Text secret;
    private Text code;
    private Button confirm;
    private Image qrImage;
    private TabFolder tabs;

    AccountSettingsDialog(Shell parent, ServerClient client, ConsoleSession session, boolean secondFactorOn) {
        super(parent);
        this.client = client;
        this.session = session;
        this.secondFactorOn = secondFactorOn;
    }

    @Override
    public void create() {
        super.create();
        getShell().setText("Account settings — Helmdesk Console");
        setTitle("Your account on " + session.server());
        setMessage("Changes are made on the server at once.");
        getShell().addDisposeListener(e -> {
            if (qrImage != null) {
                qrImage.dispose();
            }
        });
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, true);
    }

    @Override
    protected void buttonPressed(int buttonId) {
        if (buttonId == IDialogConstants.CLOSE_ID) {
            close();
        }
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        tabs = new TabFolder(area, SWT.TOP);
        GridDataFactory.fillDefaults().grab(true, true).hint(520, SWT.DEFAULT).applyTo(tabs);
        passwordTab();
        secondFactorTab();
        return area;
    }

    private void passwordTab() {
        Composite page = page("Password");
        currentPassword = field(page, "Current password:", SWT.PASSWORD);
        newPassword = field(page, "New password:", SWT.PASSWORD);
        repeatPassword = field(page, "New password again:", SWT.PASSWORD);
        Label rule = new Label(page, SWT.WRAP);
        rule.setText("At least 6 characters with letters and digits; common passwords are refused. Your other "
                + "sessions end.");
        GridDataFactory.fillDefaults().span(2, 1).hint(460, SWT.DEFAULT).applyTo(rule);
        Button change = new Button(page, SWT.PUSH);
        change.setText("Change the password");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(change);
        change.addListener(SWT.Selection, e -> changePassword());
    }

    void changePassword() {
        if (!newPassword.getText().equals(repeatPassword.getText())) {
            setErrorMessage("The two new passwords differ.");
            return;
        }
        String current = currentPassword.getText();
        String next = newPassword.getText();
        inBackground(() -> client.changePassword(session, current, next), () -> {
            currentPassword.setText("");
            newPassword.setText("");
            repeatPassword.setText("");
            setMessage("The password is changed.");
        });
    }

    private void secondFactorTab() {
        Composite page = page("Second factor");
        secondFactorState = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).hint(460, SWT.DEFAULT).applyTo(secondFactorState);
        setUp = new Button(page, SWT.PUSH);
        setUp.setText("Set up an authenticator app");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(setUp);
        setUp.addListener(SWT.Selection, e -> startTotp());
        qrCode = new Label(page, SWT.NONE);
        GridDataFactory.swtDefaults().span(2, 1).align(SWT.CENTER, SWT.CENTER).applyTo(qrCode);
        new Label(page, SWT.NONE).setText("Key:");
        secret = new Text(page, SWT.READ_ONLY | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(secret);
        code = field(page, "Code:", SWT.NONE);
        code.setTextLimit(8);
        confirm = new Button(page, SWT.PUSH);
        GridDataFactory.swtDefaults().span(2, 1).applyTo(confirm);
        confirm.addListener(SWT.Selection, e -> confirmOrTurnOff());
        showSecondFactor(secondFactorOn);
    }

    private void showSecondFactor(boolean on) {
        secondFactorState.setText(on
                ? "A second factor is on: signing in asks for its code. Type a valid code to "
                        + "turn it off."
                : "No second factor. With an authenticator app (Google Authenticator, Aegis, FreeOTP…), signing in "
                        + "also asks for the code the app shows.");
        setUp.setVisible(!on);
        qrCode.setVisible(false);
        secret.setVisible(false);
        code.setEnabled(on);
        code.setText("");
        confirm.setText(on ? "Turn it off" : "Turn it on");
        confirm.setEnabled(on);
        secret.getParent().layout(true, true);
    }

    void startTotp() {
        inBackground(() -> {
            TotpEnrollmentDTO enrollment = client.startTotp(session);
            Ui.later(getShell(), () -> showEnrollment(enrollment));
        }, () -> {
        });
    }

    private void showEnrollment(TotpEnrollmentDTO enrollment) {
        if (qrImage != null) {
            qrImage.dispose();
        }
        qrImage = new Image(getShell().getDisplay(),
                new ByteArrayInputStream(Base64.getDecoder().decode(enrollment.qrCodePng())));
        qrCode.setImage(qrImage);
        qrCode.setVisible(true);
        secret.setText(enrollment.secret());
        secret.setVisible(true);
        code.setEnabled(true);
        confirm.setEnabled(true);
        secondFactorState.setText("Scan the code with your authenticator app (or type the key), then type the "
                + "6-digit code it shows.");
        getShell().pack();
        code.setFocus();
    }

    void confirmOrTurnOff() {
        boolean turningOff = confirm.getText().equals("Turn it off");
        String typed = code.getText().strip();
        inBackground(() -> {
            if (turningOff) {
                client.disableSecondFactor(session, typed);
            } else {
                client.confirmTotp(session, typed);
            }
        }, () -> {
            showSecondFactor(!turningOff);
            setMessage(turningOff ? "The second factor is off." : "The authenticator app is on.");
        });
    }

    /** Runs a server call in a job; on success runs the update in the UI thread, on failure shows the reason. */
    private void inBackground(ServerCall call, Runnable onSuccess) {
        setErrorMessage(null);
        Job.create("Saving account settings", monitor -> {
            try {
                call.run();
                Ui.later(getShell(), onSuccess);
            } catch (ServerException e) {
                Ui.later(getShell(), () -> setErrorMessage(e.getMessage()));
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    private Composite page(String title) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(title);
        Composite page = new Composite(tabs, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(10, 8).applyTo(page);
        item.setControl(page);
        return page;
    }

    private static Text field(Composite page, String caption, int style) {
        new Label(page, SWT.NONE).setText(caption);
        Text text = new Text(page, SWT.BORDER | SWT.SINGLE | style);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        return text;
    }

    // For the console's tests: what a person types and sees.

    void showTab(int index) {
        tabs.setSelection(index);
    }

    void typePasswords(String current, String next) {
        currentPassword.setText(current);
        newPassword.setText(next);
        repeatPassword.setText(next);
    }

    void typeCode(String typed) {
        code.setText(typed);
    }

    String shownSecret() {
        return secret.isVisible() ? secret.getText() : "";
    }

    String secondFactorText() {
        return secondFactorState.getText();
    }

    String shownMessage() {
        return getMessage();
    }

    String error() {
        return getErrorMessage();
    }
}
