package io.helmdesk.console.app.internal.session;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;

import io.helmdesk.protocol.message.DisplayLayout;
import io.helmdesk.protocol.message.FileListing;
import io.helmdesk.protocol.message.SessionEvent;
import io.helmdesk.screen.Region;

/**
 * A window of a remote session (SES-1): the remote screen, a toolbar and a status line. The session's main window,
 * titled "Helmdesk — <computer>", has the whole toolbar (disconnect, control, Ctrl+Alt+Del and other keys, scale or
 * 1:1, the monitor picker, chat, files, events) and the side panel; a monitor window, titled "Helmdesk — <computer> —
 * Monitor n", shows one remote monitor with the keys and the scale. Closing the main window ends the session.
 */
public final class SessionWindow {

    /** The side panel's tabs, in order. */
    enum Panel {

        CHAT("Chat"), FILES("Files"), EVENTS("Events");

        final String label;

        Panel(String label) {
            this.label = label;
        }
    }

    static final String TITLE_PREFIX = "Helmdesk — ";
    private static final Color ERROR = new Color(179, 38, 30);
    private static final Color IN_CONTROL = new Color(21, 128, 61);

    private final SessionViewer viewer;
    private final Display display;
    /** The monitor this window shows alone, or null for the main window. */
    private final Integer monitorId;
    private Shell shell;
    private ScreenView view;
    private Clipboard clipboard;
    private Label status;
    private Label controlState;
    private Button disconnect;
    private Button control;
    private Button ctrlAltDel;
    private Button keys;
    private Button fitButton;
    private Button actualButton;
    private Combo monitors;
    private Button openMonitor;
    private Composite toolbar;
    private SashForm sash;
    private TabFolder side;
    private ChatPanel chat;
    private FilesPanel files;
    private EventsPanel events;
    private final Button[] panelButtons = new Button[Panel.values().length];
    private int unreadChat;
    private List<DisplayLayout.Monitor> monitorList = List.of();

    SessionWindow(SessionViewer viewer, Display display, Integer monitorId) {
        this.viewer = viewer;
        this.display = display;
        this.monitorId = monitorId;
    }

    void open() {
        shell = new Shell(display, SWT.SHELL_TRIM);
        shell.setText(TITLE_PREFIX + viewer.computerName());
        GridLayoutFactory.fillDefaults().spacing(0, 0).applyTo(shell);
        clipboard = new Clipboard(display);
        toolbar = new Composite(shell, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(toolbar);

        sash = new SashForm(shell, SWT.HORIZONTAL | SWT.SMOOTH);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        view = new ScreenView(sash, viewer.picture(), viewer);
        if (isMain()) {
            side = new TabFolder(sash, SWT.TOP);
            chat = new ChatPanel(side, viewer::chat);
            files = new FilesPanel(side, viewer, this::status);
            events = new EventsPanel(side);
            tab(Panel.CHAT, chat.control());
            tab(Panel.FILES, files.control());
            tab(Panel.EVENTS, events.control());
            side.addListener(SWT.Selection, e -> panelShown(Panel.values()[side.getSelectionIndex()]));
            sash.setWeights(66, 34);
            sash.setMaximizedControl(view.control());
        }
        buildToolbar();

        Composite statusBar = new Composite(shell, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(8, 4).applyTo(statusBar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusBar);
        status = new Label(statusBar, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

        // Coming back to the window: what was copied meanwhile goes to the remote computer (SES-6).
        shell.addListener(SWT.Activate, e -> viewer.offerClipboard(localClipboard()));
        // Keys held when the window loses the keyboard would stay down on the remote computer.
        shell.addListener(SWT.Deactivate, e -> view.releaseAll());
        shell.addListener(SWT.Dispose, e -> {
            // A window closed with a key down (Alt of Alt+F4 when the window manager took the F4) releases it.
            view.releaseAll();
            if (isMain()) {
                viewer.mainWindowClosed();
            }
            clipboard.dispose();
        });
        Rectangle screen = display.getPrimaryMonitor().getClientArea();
        shell.setSize(Math.min(1280, screen.width * 9 / 10), Math.min(860, screen.height * 9 / 10));
        // Monitor windows step down and right from the main one, so that each can be told apart and grabbed.
        int step = isMain() ? 0 : 40 * (1 + viewer.monitorWindows().size());
        shell.setLocation(screen.x + Math.min(screen.width - 200, (screen.width - shell.getSize().x) / 2 + step),
                screen.y + Math.min(screen.height - 200, (screen.height - shell.getSize().y) / 2 + step));
        controlChanged(false, "");
        controlState.setText("Connecting…");
        enableSession(false);
        shell.open();
    }

    private boolean isMain() {
        return monitorId == null;
    }

    private void tab(Panel panel, org.eclipse.swt.widgets.Control content) {
        TabItem item = new TabItem(side, SWT.NONE);
        item.setText(panel.label);
        item.setControl(content);
    }

    private void buildToolbar() {
        int columns = 0;
        if (isMain()) {
            disconnect = button("Disconnect", "Ends the session", e -> {
                if (viewer.ended()) {
                    close();
                } else {
                    viewer.disconnect();
                }
            });
            columns++;
        }
        control = button("Request control", "Asks the remote user to let you use the mouse and keyboard", e -> {
            if (viewer.controlling()) {
                viewer.giveBackControl();
            } else {
                viewer.requestControl();
            }
            focusScreen();
        });
        controlState = new Label(toolbar, SWT.NONE);
        GridDataFactory.swtDefaults().indent(4, 0).minSize(110, SWT.DEFAULT).hint(110, SWT.DEFAULT)
                .applyTo(controlState);
        ctrlAltDel = button("Ctrl+Alt+Del", "Sends Ctrl+Alt+Del, which this computer would catch itself", e -> {
            viewer.ctrlAltDel();
            focusScreen();
        });
        keys = button("Keys ▾", "Other keys this computer would catch itself", e -> keysMenu());
        columns += 4;
        Label gap = new Label(toolbar, SWT.NONE);
        GridDataFactory.swtDefaults().hint(12, SWT.DEFAULT).applyTo(gap);
        Composite scale = new Composite(toolbar, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(0, 0).applyTo(scale);
        fitButton = new Button(scale, SWT.TOGGLE);
        fitButton.setText("Fit to window");
        fitButton.setToolTipText("Scales the remote screen to the window");
        fitButton.setSelection(true);
        fitButton.addListener(SWT.Selection, e -> fit(true));
        actualButton = new Button(scale, SWT.TOGGLE);
        actualButton.setText("1:1");
        actualButton.setToolTipText("Shows the remote screen pixel for pixel, with scroll bars");
        actualButton.addListener(SWT.Selection, e -> fit(false));
        columns += 2;
        if (isMain()) {
            monitors = new Combo(toolbar, SWT.READ_ONLY);
            monitors.setToolTipText("Which remote monitor this window shows");
            monitors.addListener(SWT.Selection, e -> monitorChosen());
            openMonitor = button("Open in new window", "Shows the chosen monitor in a window of its own",
                    e -> openChosenMonitor());
            GridDataFactory.swtDefaults().exclude(true).applyTo(monitors);
            GridDataFactory.swtDefaults().exclude(true).applyTo(openMonitor);
            monitors.setVisible(false);
            openMonitor.setVisible(false);
            columns += 2;
            Label filler = new Label(toolbar, SWT.NONE);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(filler);
            columns++;
            for (Panel panel : Panel.values()) {
                Button toggle = new Button(toolbar, SWT.TOGGLE);
                toggle.setText(panel.label);
                toggle.addListener(SWT.Selection, e -> showPanel(toggle.getSelection() ? panel : null));
                panelButtons[panel.ordinal()] = toggle;
                columns++;
            }
        } else {
            Label filler = new Label(toolbar, SWT.NONE);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(filler);
            columns++;
        }
        GridLayoutFactory.swtDefaults().numColumns(columns).margins(8, 6).spacing(6, 0).applyTo(toolbar);
    }

    private Button button(String text, String tip, org.eclipse.swt.widgets.Listener action) {
        Button button = new Button(toolbar, SWT.PUSH);
        button.setText(text);
        button.setToolTipText(tip);
        button.addListener(SWT.Selection, action);
        return button;
    }

    /** Keys the operator's own system takes for itself, sent from a menu instead. */
    private void keysMenu() {
        Menu menu = new Menu(shell, SWT.POP_UP);
        // Freed once it closed (later: its item's selection comes after the hide).
        menu.addListener(SWT.Hide, e -> shell.getDisplay().asyncExec(menu::dispose));
        keyItem(menu, "Windows key (Super)", KeySymbols.SUPER_L);
        keyItem(menu, "Alt+Tab", KeySymbols.ALT_L, KeySymbols.TAB);
        keyItem(menu, "Alt+F4", KeySymbols.ALT_L, KeySymbols.F1 + 3);
        keyItem(menu, "Print Screen", KeySymbols.PRINT);
        keyItem(menu, "Ctrl+Esc", KeySymbols.CONTROL_L, KeySymbols.ESCAPE);
        Rectangle bounds = keys.getBounds();
        menu.setLocation(keys.getParent().toDisplay(bounds.x, bounds.y + bounds.height));
        menu.setVisible(true);
    }

    private void keyItem(Menu menu, String text, int... keysyms) {
        MenuItem item = new MenuItem(menu, SWT.PUSH);
        item.setText(text);
        item.addListener(SWT.Selection, e -> {
            view.type(keysyms);
            focusScreen();
        });
    }

    // What the operator does; package-private for the console's tests.

    /** Scaled to the window (true) or 1:1 with scroll bars. */
    void fit(boolean scaled) {
        fitButton.setSelection(scaled);
        actualButton.setSelection(!scaled);
        view.fit(scaled);
        focusScreen();
    }

    /** Shows a panel of the side (null: none). */
    void showPanel(Panel panel) {
        if (!isMain()) {
            return;
        }
        for (Panel each : Panel.values()) {
            panelButtons[each.ordinal()].setSelection(each == panel);
        }
        if (panel == null) {
            sash.setMaximizedControl(view.control());
            focusScreen();
            return;
        }
        sash.setMaximizedControl(null);
        side.setSelection(panel.ordinal());
        panelShown(panel);
    }

    private void panelShown(Panel panel) {
        for (Panel each : Panel.values()) {
            panelButtons[each.ordinal()].setSelection(each == panel);
        }
        if (panel == Panel.CHAT) {
            unreadChat = 0;
            panelButtons[Panel.CHAT.ordinal()].setText(Panel.CHAT.label);
            toolbar.layout();
            chat.focus();
        } else if (panel == Panel.FILES) {
            files.shown();
        }
    }

    /** The panel shown, or null. */
    Panel shownPanel() {
        if (!isMain() || sash.getMaximizedControl() != null) {
            return null;
        }
        return Panel.values()[side.getSelectionIndex()];
    }

    /** Chooses what the main window shows: 0 the whole screen, n the n-th monitor. */
    void chooseMonitor(int index) {
        monitors.select(index);
        monitorChosen();
    }

    private void monitorChosen() {
        showSource();
        openMonitor.setEnabled(monitors.getSelectionIndex() > 0);
        focusScreen();
    }

    /** Opens the monitor chosen in the picker in a window of its own. */
    SessionWindow openChosenMonitor() {
        int index = monitors.getSelectionIndex();
        if (index <= 0 || index > monitorList.size()) {
            return null;
        }
        return viewer.openMonitorWindow(monitorList.get(index - 1));
    }

    private void focusScreen() {
        if (viewer.connected() && !view.control().isDisposed()) {
            view.control().setFocus();
        }
    }

    // What the session says

    void status(String sentence, boolean error) {
        if (status.isDisposed()) {
            return;
        }
        status.setForeground(error ? ERROR : null);
        status.setText(sentence);
        status.setToolTipText(sentence);
    }

    String statusText() {
        return status.getText();
    }

    void waiting(String computer) {
        view.note("Waiting for " + computer + " to accept…");
    }

    void joined() {
        enableSession(true);
        controlChanged(viewer.controlling(), "");
        view.note(viewer.pictureDrawn() ? "" : "Waiting for the first picture…");
        status(isMain()
                ? "Connected to " + viewer.computerName()
                        + ": view only. Request control to use the mouse and keyboard."
                : "Connected to " + viewer.computerName() + ".", false);
        focusScreen();
    }

    void failed(String sentence) {
        enableSession(false);
        view.note(viewer.pictureDrawn() ? "" : sentence);
        status(sentence, true);
        controlState.setText("Not connected");
        controlState.setForeground(null);
        control.setText("Request control");
        if (disconnect != null) {
            disconnect.setText("Close");
            disconnect.setToolTipText("Closes this window");
            toolbar.layout();
        }
    }

    void ended(String sentence) {
        view.releaseAll();
        failed(sentence);
        controlState.setText("Ended");
        controlState.setForeground(null);
        if (sentence.equals("You ended the session.")) {
            status.setForeground(null);
        }
    }

    void controlRequested() {
        controlState.setText("Asking…");
        controlState.setForeground(null);
        control.setEnabled(false);
        status("Asked the remote user for control…", false);
    }

    void controlChanged(boolean inControl, String reason) {
        controlState.setText(inControl ? "In control" : "View only");
        controlState.setForeground(inControl ? IN_CONTROL : null);
        control.setText(inControl ? "Give back control" : "Request control");
        control.setToolTipText(inControl
                ? "Stops sending your mouse and keyboard to the remote computer"
                : "Asks the remote user to let you use the mouse and keyboard");
        control.setEnabled(viewer.connected());
        ctrlAltDel.setEnabled(inControl);
        keys.setEnabled(inControl);
        toolbar.layout();
        if (viewer.connected()) {
            status(inControl
                    ? "In control: your mouse and keyboard act on " + viewer.computerName() + "."
                    : reason.isBlank()
                            ? "View only."
                            : "View only: " + reason + (reason.endsWith(".") ? "" : "."),
                    false);
        }
    }

    /** "Disconnect" while the session runs, "Close" after it ended. */
    String disconnectText() {
        return disconnect == null ? "" : disconnect.getText();
    }

    /** The text the window shows beside the control button: "View only", "Asking…", "In control" or "Ended". */
    String controlText() {
        return controlState.getText();
    }

    void releaseInput() {
        view.releaseAll();
    }

    void chatLine(long atMillis, String author, String text, boolean own) {
        chat.add(atMillis, author, text);
        if (!own && shownPanel() != Panel.CHAT) {
            unreadChat++;
            panelButtons[Panel.CHAT.ordinal()].setText(Panel.CHAT.label + " (" + unreadChat + ")");
            toolbar.layout();
        }
    }

    void sessionEvent(SessionEvent event) {
        events.add(event);
    }

    void transferStarted(long id, String name, boolean outgoing, long size) {
        files.started(id, name, outgoing, size);
    }

    void transferProgress(long id, String name, long done, long size) {
        files.progress(id, name, done, size);
    }

    void transferFinished(long id, String name, boolean success, String message) {
        files.finished(id, name, success, message);
    }

    void remoteListing(FileListing listing) {
        files.listing(listing);
    }

    /** The text on this computer's clipboard, or null. */
    String localClipboard() {
        return clipboard.isDisposed() ? null : (String) clipboard.getContents(TextTransfer.getInstance());
    }

    /** Text the remote user copied goes on this computer's clipboard (SES-6). */
    void setLocalClipboard(String text) {
        if (!clipboard.isDisposed() && !text.isEmpty()) {
            clipboard.setContents(new Object[]{text}, new Transfer[]{TextTransfer.getInstance()});
        }
    }

    void layoutChanged(DisplayLayout layout) {
        // The picker's choice is looked up in the list it was made from, before the new one replaces it.
        Integer chosen = isMain() ? chosenMonitorId() : null;
        monitorList = layout.monitors();
        if (isMain()) {
            monitors.removeAll();
            monitors.add("All monitors (" + layout.width() + "×" + layout.height() + ")");
            int select = 0;
            for (int i = 0; i < monitorList.size(); i++) {
                monitors.add(monitorLabel(i, monitorList.get(i)));
                if (chosen != null && monitorList.get(i).id() == chosen) {
                    select = i + 1;
                }
            }
            monitors.select(select);
            boolean several = monitorList.size() > 1;
            monitors.setVisible(several);
            openMonitor.setVisible(several);
            openMonitor.setEnabled(select > 0);
            ((org.eclipse.swt.layout.GridData) monitors.getLayoutData()).exclude = !several;
            ((org.eclipse.swt.layout.GridData) openMonitor.getLayoutData()).exclude = !several;
            toolbar.layout(true);
        }
        showSource();
    }

    private Integer chosenMonitorId() {
        int index = monitors.getSelectionIndex();
        return index > 0 && index <= monitorList.size() ? monitorList.get(index - 1).id() : null;
    }

    /** The monitor picker's entries, as shown. */
    List<String> monitorChoices() {
        return List.of(monitors.getItems());
    }

    private void showSource() {
        DisplayLayout layout = viewer.layout();
        if (layout == null) {
            return;
        }
        Integer shownId = isMain() ? chosenMonitorId() : monitorId;
        DisplayLayout.Monitor shown = null;
        for (int i = 0; i < monitorList.size(); i++) {
            if (shownId != null && monitorList.get(i).id() == shownId) {
                shown = monitorList.get(i);
                if (!isMain()) {
                    shell.setText(TITLE_PREFIX + viewer.computerName() + " — " + monitorName(i));
                }
            }
        }
        if (shown == null) {
            if (!isMain()) {
                status("That monitor is gone from the remote screen: the whole screen is shown.", false);
            }
            view.show(new Rectangle(0, 0, layout.width(), layout.height()));
        } else {
            view.show(new Rectangle(shown.x(), shown.y(), shown.width(), shown.height()));
        }
    }

    static String monitorName(int index) {
        return "Monitor " + (index + 1);
    }

    static String monitorLabel(int index, DisplayLayout.Monitor monitor) {
        String detail = monitor.width() + "×" + monitor.height() + (monitor.primary() ? ", primary" : "");
        return monitorName(index) + (monitor.name().isBlank() ? "" : " " + monitor.name()) + " (" + detail
                + ")";
    }

    void screenChanged(Region region, boolean resized) {
        if (viewer.connected()) {
            view.note("");
        }
        if (resized) {
            showSource();
            view.control().redraw();
        } else {
            view.damaged(region);
        }
    }

    void cursorChanged() {
        view.cursorChanged();
    }

    private void enableSession(boolean running) {
        control.setEnabled(running);
        if (isMain()) {
            chat.enable(running);
            files.enable(running);
        }
        if (!running) {
            ctrlAltDel.setEnabled(false);
            keys.setEnabled(false);
        }
    }

    // The window

    public Shell getShell() {
        return shell;
    }

    boolean isClosed() {
        return shell == null || shell.isDisposed();
    }

    void activate() {
        shell.setActive();
    }

    public void close() {
        if (!isClosed()) {
            shell.dispose();
        }
    }

    Integer monitorId() {
        return monitorId;
    }

    ScreenView view() {
        return view;
    }

    ChatPanel chat() {
        return chat;
    }

    FilesPanel files() {
        return files;
    }

    EventsPanel events() {
        return events;
    }

    String chatButtonText() {
        return panelButtons[Panel.CHAT.ordinal()].getText();
    }

    @Override
    public String toString() {
        return "SessionWindow[" + (isClosed() ? "closed" : shell.getText()) + "]";
    }
}
