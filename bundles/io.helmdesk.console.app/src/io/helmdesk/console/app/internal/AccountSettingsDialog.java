package io.helmdesk.console.app.internal;

import java.io.ByteArrayInputStream;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.rest.api.AuthDTOs.AccountDTO;
import io.helmdesk.rest.api.AuthDTOs.ApiKeyDTO;
import io.helmdesk.rest.api.AuthDTOs.CreatedApiKeyDTO;
import io.helmdesk.rest.api.AuthDTOs.TelegramLinkDTO;
import io.helmdesk.rest.api.AuthDTOs.TotpEnrollmentDTO;

/**
 * The signed-in account's settings: profile and e-mail address, password, second factor, API keys, deletion. Every
 * change is made on the server at once; what the server refuses is shown in its own words.
 */
class AccountSettingsDialog extends ServerDialog {

    static final int PROFILE_TAB = 0;
    static final int PASSWORD_TAB = 1;
    static final int SECOND_FACTOR_TAB = 2;
    static final int API_KEYS_TAB = 3;
    static final int DELETE_TAB = 4;
    private static final String[][] LANGUAGES = {{"en", "English"}, {"fr", "Français"}};

    private final ServerClient client;
    private final ConsoleSession session;
    private AccountDTO account;
    private boolean deleted;

    private TabFolder tabs;
    // Profile
    private Text displayName;
    private Combo language;
    private Combo timeZone;
    private Label currentEmail;
    private Text newEmail;
    private Text emailCode;
    private Text emailPassword;
    // Password
    private Text currentPassword;
    private Text newPassword;
    private Text repeatPassword;
    // Second factor
    private Label secondFactorState;
    private Composite methods;
    private Button methodTotp;
    private Button methodEmail;
    private Button methodTelegram;
    private Button setUp;
    private Button sendCode;
    private Label qrCode;
    private Label keyLabel;
    private Text secret;
    private Text code;
    private Button confirm;
    private Image qrImage;
    private String settingUp;
    // API keys
    private Table keys;
    private Text keyName;
    private final List<Button> scopes = new ArrayList<>();
    private Text newKeySecret;
    // Deletion
    private Text deletePassword;
    private Button understood;

    AccountSettingsDialog(Shell parent, ServerClient client, ConsoleSession session, AccountDTO account) {
        super(parent, "Saving account settings");
        this.client = client;
        this.session = session;
        this.account = account;
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
        loadKeys();
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        tabs = new TabFolder(area, SWT.TOP);
        // Each tab starts fresh: a message about another tab's change would mislead.
        tabs.addListener(SWT.Selection, e -> {
            setErrorMessage(null);
            setMessage("Changes are made on the server at once.");
        });
        GridDataFactory.fillDefaults().grab(true, true).hint(600, SWT.DEFAULT).applyTo(tabs);
        profileTab();
        passwordTab();
        secondFactorTab();
        apiKeysTab();
        deleteTab();
        return area;
    }

    // Profile and address (ACC-4, ACC-5)

    private void profileTab() {
        Composite page = page("Profile");
        displayName = field(page, "Display name:", SWT.NONE);
        displayName.setTextLimit(100);
        displayName.setText(account.displayName());
        new Label(page, SWT.NONE).setText("Language:");
        language = new Combo(page, SWT.READ_ONLY);
        for (String[] known : LANGUAGES) {
            language.add(known[1]);
            if (known[0].equals(account.language())) {
                language.select(language.getItemCount() - 1);
            }
        }
        new Label(page, SWT.NONE).setText("Time zone:");
        timeZone = new Combo(page, SWT.DROP_DOWN);
        ZoneId.getAvailableZoneIds().stream().filter(z -> z.contains("/") || z.equals("UTC")).sorted()
                .forEach(timeZone::add);
        timeZone.setText(account.timeZone());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(timeZone);
        Button save = new Button(page, SWT.PUSH);
        save.setText("Save the profile");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(save);
        save.addListener(SWT.Selection, e -> saveProfile());

        Group address = new Group(page, SWT.NONE);
        address.setText("E-mail address");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).indent(0, 8).applyTo(address);
        GridLayoutFactory.swtDefaults().numColumns(3).spacing(10, 8).applyTo(address);
        currentEmail = new Label(address, SWT.NONE);
        currentEmail.setText("Now: " + account.email());
        GridDataFactory.fillDefaults().span(3, 1).applyTo(currentEmail);
        new Label(address, SWT.NONE).setText("New address:");
        newEmail = new Text(address, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(newEmail);
        Button send = new Button(address, SWT.PUSH);
        send.setText("Send a code");
        send.addListener(SWT.Selection, e -> requestEmailChange());
        new Label(address, SWT.NONE).setText("Code:");
        emailCode = new Text(address, SWT.BORDER | SWT.SINGLE);
        emailCode.setTextLimit(8);
        GridDataFactory.fillDefaults().grab(true, false).span(2, 1).applyTo(emailCode);
        new Label(address, SWT.NONE).setText("Current password:");
        emailPassword = new Text(address, SWT.BORDER | SWT.SINGLE | SWT.PASSWORD);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(emailPassword);
        Button change = new Button(address, SWT.PUSH);
        change.setText("Change the address");
        change.addListener(SWT.Selection, e -> confirmEmailChange());
    }

    void saveProfile() {
        String name = displayName.getText().strip();
        String lang = language.getSelectionIndex() < 0
                ? account.language()
                : LANGUAGES[language
                        .getSelectionIndex()][0];
        String zone = timeZone.getText().strip();
        inBackground(() -> {
            AccountDTO saved = client.updateProfile(session, name, lang, zone);
            Ui.later(getShell(), () -> account = saved);
        }, () -> setMessage("The profile is saved."));
    }

    void requestEmailChange() {
        String address = newEmail.getText().strip();
        inBackground(() -> {
            String notice = client.requestEmailChange(session, address);
            Ui.later(getShell(), () -> setMessage(notice));
        }, () -> emailCode.setFocus());
    }

    void confirmEmailChange() {
        String typed = emailCode.getText().strip();
        String password = emailPassword.getText();
        inBackground(() -> {
            AccountDTO changed = client.confirmEmailChange(session, typed, password);
            Ui.later(getShell(), () -> account = changed);
        }, () -> {
            currentEmail.setText("Now: " + account.email());
            newEmail.setText("");
            emailCode.setText("");
            emailPassword.setText("");
            setMessage("Your address is now " + account.email() + ".");
        });
    }

    // Password (ACC-6)

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

    // Second factor (ACC-8)

    private void secondFactorTab() {
        Composite page = page("Second factor");
        secondFactorState = new Label(page, SWT.WRAP);
        GridDataFactory.fillDefaults().span(2, 1).hint(540, SWT.DEFAULT).applyTo(secondFactorState);
        methods = new Composite(page, SWT.NONE);
        GridDataFactory.fillDefaults().span(2, 1).applyTo(methods);
        GridLayoutFactory.fillDefaults().numColumns(1).spacing(4, 4).applyTo(methods);
        methodTotp = radio(methods, "An authenticator app (Google Authenticator, Aegis, FreeOTP…)");
        methodTotp.setSelection(true);
        methodEmail = radio(methods, "A code sent by e-mail at each sign-in");
        methodTelegram = radio(methods, "A code sent by the server's Telegram bot at each sign-in");
        setUp = new Button(page, SWT.PUSH);
        setUp.setText("Set it up");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(setUp);
        setUp.addListener(SWT.Selection, e -> startSetUp());
        qrCode = new Label(page, SWT.NONE);
        GridDataFactory.swtDefaults().span(2, 1).align(SWT.CENTER, SWT.CENTER).applyTo(qrCode);
        keyLabel = new Label(page, SWT.NONE);
        keyLabel.setText("Key:");
        GridDataFactory.swtDefaults().applyTo(keyLabel);
        secret = new Text(page, SWT.READ_ONLY | SWT.BORDER);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(secret);
        sendCode = new Button(page, SWT.PUSH);
        sendCode.setText("Send me a code");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(sendCode);
        sendCode.addListener(SWT.Selection, e -> sendCode());
        code = field(page, "Code:", SWT.NONE);
        code.setTextLimit(8);
        confirm = new Button(page, SWT.PUSH);
        GridDataFactory.swtDefaults().span(2, 1).applyTo(confirm);
        confirm.addListener(SWT.Selection, e -> confirmOrTurnOff());
        showSecondFactor(account.secondFactor());
    }

    /** Shows or hides a control and the room it takes in its grid. */
    private static void show(Control control, boolean visible) {
        control.setVisible(visible);
        if (control.getLayoutData() instanceof GridData data) {
            data.exclude = !visible;
        }
    }

    private void showKey(boolean visible) {
        show(keyLabel, visible);
        show(secret, visible);
    }

    private static Button radio(Composite parent, String text) {
        Button button = new Button(parent, SWT.RADIO);
        button.setText(text);
        return button;
    }

    private void showSecondFactor(String method) {
        boolean on = method != null;
        settingUp = null;
        secondFactorState.setText(on
                ? "A second factor is on (" + describe(method) + "): signing in asks for its code. Type a valid "
                        + "code to turn it off."
                : "No second factor. Choose one: signing in will also ask for its code.");
        show(methods, !on);
        show(setUp, !on);
        show(sendCode, on && !method.equals("totp"));
        show(qrCode, false);
        showKey(false);
        code.setEnabled(on);
        code.setText("");
        confirm.setText(on ? "Turn it off" : "Turn it on");
        confirm.setEnabled(on);
        secret.getParent().layout(true, true);
    }

    private static String describe(String method) {
        return switch (method) {
            case "email" -> "codes by e-mail";
            case "telegram" -> "codes on Telegram";
            default -> "an authenticator app";
        };
    }

    void chooseMethod(String method) {
        methodTotp.setSelection(method.equals("totp"));
        methodEmail.setSelection(method.equals("email"));
        methodTelegram.setSelection(method.equals("telegram"));
    }

    void startSetUp() {
        if (methodEmail.getSelection()) {
            inBackground(() -> {
                String notice = client.startEmailSecondFactor(session);
                Ui.later(getShell(), () -> waitForCode("email", notice));
            }, () -> {
            });
        } else if (methodTelegram.getSelection()) {
            inBackground(() -> {
                TelegramLinkDTO link = client.startTelegramSecondFactor(session);
                Ui.later(getShell(), () -> showTelegramLink(link));
            }, () -> {
            });
        } else {
            startTotp();
        }
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
        show(qrCode, true);
        secret.setText(enrollment.secret());
        showKey(true);
        waitForCode("totp", "Scan the code with your authenticator app (or type the key), then type the 6-digit "
                + "code it shows.");
        getShell().pack();
    }

    private void showTelegramLink(TelegramLinkDTO link) {
        secret.setText(link.deepLink());
        showKey(true);
        boolean opened = Program.launch(link.deepLink());
        waitForCode("telegram", (opened ? "Telegram opens" : "Open this link in Telegram") + " (or send /start "
                + link.linkCode() + " to @" + link.botUsername() + "); the bot answers with a code: type it here.");
        getShell().pack();
    }

    private void waitForCode(String method, String explanation) {
        settingUp = method;
        show(methods, false);
        show(setUp, false);
        secondFactorState.setText(explanation);
        code.setEnabled(true);
        confirm.setEnabled(true);
        secret.getParent().layout(true, true);
        code.setFocus();
    }

    void sendCode() {
        inBackground(() -> {
            String notice = client.sendSecondFactorCode(session);
            Ui.later(getShell(), () -> setMessage(notice));
        }, () -> code.setFocus());
    }

    void confirmOrTurnOff() {
        String method = settingUp;
        String typed = code.getText().strip();
        inBackground(() -> {
            if (method == null) {
                client.disableSecondFactor(session, typed);
            } else if (method.equals("email")) {
                client.confirmEmailSecondFactor(session, typed);
            } else if (method.equals("telegram")) {
                client.confirmTelegramSecondFactor(session, typed);
            } else {
                client.confirmTotp(session, typed);
            }
        }, () -> {
            showSecondFactor(method);
            setMessage(method == null
                    ? "The second factor is off."
                    : "The second factor is on: " + describe(method)
                            + ".");
        });
    }

    // API keys (INT-2)

    private void apiKeysTab() {
        Composite page = page("API keys");
        Label intro = new Label(page, SWT.WRAP);
        intro.setText("Keys let scripts and integrations call the REST API as you, with the scopes you choose. "
                + "Send one as \"Authorization: Bearer <key>\".");
        GridDataFactory.fillDefaults().span(2, 1).hint(540, SWT.DEFAULT).applyTo(intro);
        keys = new Table(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        keys.setHeaderVisible(true);
        keys.setLinesVisible(true);
        for (String column : new String[]{"Name", "Starts with", "Scopes", "Created", "Last used", "State"}) {
            TableColumn tableColumn = new TableColumn(keys, SWT.LEFT);
            tableColumn.setText(column);
            tableColumn.setWidth(column.equals("Scopes") ? 150 : 90);
        }
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(560, 120).applyTo(keys);
        Button revoke = new Button(page, SWT.PUSH);
        revoke.setText("Revoke the selected key");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(revoke);
        revoke.addListener(SWT.Selection, e -> revokeSelected());

        keyName = field(page, "New key's name:", SWT.NONE);
        keyName.setTextLimit(100);
        new Label(page, SWT.NONE).setText("Scopes:");
        Composite scopeBoxes = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(12, 4).applyTo(scopeBoxes);
        for (String permission : account.permissions()) {
            Button box = new Button(scopeBoxes, SWT.CHECK);
            box.setText(permission);
            box.setData(permission);
            scopes.add(box);
        }
        Button create = new Button(page, SWT.PUSH);
        create.setText("Create the key");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(create);
        create.addListener(SWT.Selection, e -> createKey());
        newKeySecret = new Text(page, SWT.READ_ONLY | SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(newKeySecret);
        newKeySecret.setMessage("The new key appears here, once: copy it then.");
    }

    private void loadKeys() {
        inBackground(() -> {
            List<ApiKeyDTO> list = client.apiKeys(session);
            Ui.later(getShell(), () -> showKeys(list));
        }, () -> {
        });
    }

    private void showKeys(List<ApiKeyDTO> list) {
        keys.removeAll();
        for (ApiKeyDTO key : list) {
            TableItem item = new TableItem(keys, SWT.NONE);
            item.setText(new String[]{key.name(), key.prefix() + "…", String.join(", ", key.scopes()),
                    day(key.createdAt()), key.lastUsedAt() == null ? "never" : day(key.lastUsedAt()),
                    key.revokedAt() == null ? "active" : "revoked"});
            item.setData(key);
        }
    }

    private static String day(String instant) {
        return instant.length() >= 10 ? instant.substring(0, 10) : instant;
    }

    void createKey() {
        String name = keyName.getText().strip();
        List<String> chosen = scopes.stream().filter(Button::getSelection).map(b -> (String) b.getData()).toList();
        inBackground(() -> {
            CreatedApiKeyDTO created = client.createApiKey(session, name, chosen);
            List<ApiKeyDTO> list = client.apiKeys(session);
            Ui.later(getShell(), () -> {
                newKeySecret.setText(created.secret());
                showKeys(list);
            });
        }, () -> {
            keyName.setText("");
            setMessage("The key is created. Copy it now: it is not shown again.");
        });
    }

    void revokeSelected() {
        if (keys.getSelectionCount() == 0) {
            setErrorMessage("Select a key first.");
            return;
        }
        ApiKeyDTO key = (ApiKeyDTO) keys.getSelection()[0].getData();
        inBackground(() -> {
            client.revokeApiKey(session, key.id());
            List<ApiKeyDTO> list = client.apiKeys(session);
            Ui.later(getShell(), () -> showKeys(list));
        }, () -> setMessage("The key " + key.name() + " is revoked: it stops working now."));
    }

    // Deletion (ACC-7)

    private void deleteTab() {
        Composite page = page("Delete account");
        Label warning = new Label(page, SWT.WRAP);
        warning.setText("Deleting your account ends all its sessions and API keys at once, and removes it with "
                + "everything it owns. This cannot be undone.");
        GridDataFactory.fillDefaults().span(2, 1).hint(540, SWT.DEFAULT).applyTo(warning);
        deletePassword = field(page, "Current password:", SWT.PASSWORD);
        understood = new Button(page, SWT.CHECK);
        understood.setText("I understand that this cannot be undone");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(understood);
        Button delete = new Button(page, SWT.PUSH);
        delete.setText("Delete my account");
        GridDataFactory.swtDefaults().span(2, 1).applyTo(delete);
        delete.addListener(SWT.Selection, e -> deleteAccount());
    }

    void deleteAccount() {
        if (!understood.getSelection()) {
            setErrorMessage("Tick \"I understand that this cannot be undone\" first.");
            return;
        }
        String password = deletePassword.getText();
        inBackground(() -> client.deleteAccount(session, password), () -> {
            deleted = true;
            close();
        });
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

    /** Whether the account was deleted from this dialog (its session is gone). */
    boolean accountDeleted() {
        return deleted;
    }

    // For the console's tests: what a person types and sees.

    void showTab(int index) {
        tabs.setSelection(index);
    }

    void typeProfile(String name, String languageCode, String zone) {
        displayName.setText(name);
        for (int i = 0; i < LANGUAGES.length; i++) {
            if (LANGUAGES[i][0].equals(languageCode)) {
                language.select(i);
            }
        }
        timeZone.setText(zone);
    }

    void typePasswords(String current, String next) {
        currentPassword.setText(current);
        newPassword.setText(next);
        repeatPassword.setText(next);
    }

    void typeCode(String typed) {
        code.setText(typed);
    }

    void typeNewKey(String name, String... scopeNames) {
        keyName.setText(name);
        for (Button box : scopes) {
            box.setSelection(List.of(scopeNames).contains(box.getData()));
        }
    }

    void typeDeletion(String password, boolean sure) {
        deletePassword.setText(password);
        understood.setSelection(sure);
    }

    void selectKey(int index) {
        keys.setSelection(index);
    }

    List<String> shownKeys() {
        List<String> rows = new ArrayList<>();
        for (TableItem item : keys.getItems()) {
            rows.add(item.getText(0) + " " + item.getText(2) + " " + item.getText(5));
        }
        return rows;
    }

    String shownNewKey() {
        return newKeySecret.getText();
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
