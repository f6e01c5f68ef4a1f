package io.helmdesk.console.app.internal;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IElementComparer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.window.ApplicationWindow;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.custom.StackLayout;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.console.app.internal.DeviceArrangement.Grouping;
import io.helmdesk.console.app.internal.DeviceArrangement.Section;
import io.helmdesk.console.app.internal.DeviceArrangement.SortOrder;
import io.helmdesk.console.app.internal.session.SessionViewer;
import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.console.client.api.ServerException;
import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;

/**
 * The computers of the signed-in account (DEV-3, DEV-5): a list or tiles, searched, sorted and grouped, favourites
 * first. The list follows the agents coming and going by itself: it is read again every few seconds in a job, keeping
 * the selection and the scroll position, until the window closes. A computer's card opens from here, and so does the
 * way to add one.
 */
class ComputersWindow extends ApplicationWindow {

    static final long REFRESH_MILLIS = 3000;
    /** Where files fetched in sessions go: the same place the agent keeps the files it receives. */
    static final Path SESSION_FILES = Path.of(System.getProperty("user.home"), "Downloads", "Helmdesk");
    static final String EMPTY_TEXT = "No computers yet: add one with “Add a computer…”";
    private static final Color HEADER_BACKGROUND = new Color(232, 236, 242);
    private static final Color ERROR = new Color(179, 38, 30);

    /** A line of the list: a group's heading, or a computer. */
    sealed interface Row permits HeadingRow, DeviceRow {
    }

    record HeadingRow(String title, int count) implements Row {
    }

    record DeviceRow(DeviceDTO device) implements Row {
    }

    private final Logger logger = LoggerFactory.getLogger(ComputersWindow.class);
    private final ServerClient client;
    private final ConsoleSession session;
    private final DevicePreviews previews = new DevicePreviews();
    private final RefreshJob refresh;
    private final List<Row> rows = new ArrayList<>();
    private final Map<SortOrder, TableColumn> sortColumns = new EnumMap<>(SortOrder.class);
    private List<DeviceDTO> devices = List.of();
    private boolean loaded;
    private int loads;
    private String selectedId;
    private volatile boolean tilesShown;
    private volatile boolean closed;
    private Shell shell;
    private DeviceIcons icons;

    private Text search;
    private Combo sortBy;
    private Combo groupBy;
    private Button listButton;
    private Button tilesButton;
    private Button openCard;
    private Button connect;
    private Composite views;
    private StackLayout viewStack;
    private Composite emptyState;
    private Label emptyTitle;
    private Label emptyDetail;
    private Button emptyAdd;
    private TableViewer table;
    private DeviceTiles tiles;
    private Label statusLine;

    ComputersWindow(Shell parent, ServerClient client, ConsoleSession session) {
        super(parent);
        this.client = client;
        this.session = session;
        this.refresh = new RefreshJob();
    }

    @Override
    protected void configureShell(Shell newShell) {
        super.configureShell(newShell);
        shell = newShell;
        newShell.setText("Computers — Helmdesk Console");
        icons = new DeviceIcons(newShell.getDisplay());
        newShell.addDisposeListener(e -> {
            // Also when the console's main window closes and takes this one with it.
            closed = true;
            refresh.cancel();
            // The images go once the widgets showing them are gone: they are released after this event.
            Display display = newShell.getDisplay();
            if (!display.isDisposed()) {
                display.asyncExec(() -> {
                    previews.dispose();
                    icons.dispose();
                });
            }
        });
    }

    @Override
    protected Point getInitialSize() {
        return new Point(1120, 680);
    }

    @Override
    protected Control createContents(Composite parent) {
        Composite page = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(12, 12).spacing(8, 8).applyTo(page);
        toolbar(page);

        views = new Composite(page, SWT.NONE);
        viewStack = new StackLayout();
        views.setLayout(viewStack);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(views);
        emptyState(views);
        tableView(views);
        tiles = new DeviceTiles(views, icons, previews, this::selected, d -> openCard(), d -> connect());

        statusLine = new Label(page, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(statusLine);

        showArrangement();
        refresh.schedule();
        return page;
    }

    private void toolbar(Composite page) {
        Composite bar = new Composite(page, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(10).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);

        search = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER);
        search.setMessage("Search name, group, OS, address");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).minSize(160, SWT.DEFAULT)
                .hint(220, SWT.DEFAULT).applyTo(search);
        search.addListener(SWT.Modify, e -> showArrangement());

        new Label(bar, SWT.NONE).setText("Sort by:");
        sortBy = new Combo(bar, SWT.READ_ONLY);
        for (SortOrder order : SortOrder.values()) {
            sortBy.add(order.label);
        }
        sortBy.select(0);
        sortBy.addListener(SWT.Selection, e -> showArrangement());

        new Label(bar, SWT.NONE).setText("Group by:");
        groupBy = new Combo(bar, SWT.READ_ONLY);
        for (Grouping grouping : Grouping.values()) {
            groupBy.add(grouping.label);
        }
        groupBy.select(0);
        groupBy.addListener(SWT.Selection, e -> showArrangement());

        Composite toggle = new Composite(bar, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(0, 0).applyTo(toggle);
        GridDataFactory.swtDefaults().indent(8, 0).applyTo(toggle);
        listButton = new Button(toggle, SWT.TOGGLE);
        listButton.setText("List");
        listButton.setSelection(true);
        listButton.addListener(SWT.Selection, e -> showTiles(false));
        tilesButton = new Button(toggle, SWT.TOGGLE);
        tilesButton.setText("Tiles");
        tilesButton.addListener(SWT.Selection, e -> showTiles(true));

        new Label(bar, SWT.NONE); // room between the view's settings and the actions

        openCard = new Button(bar, SWT.PUSH);
        openCard.setText("Open card");
        openCard.setToolTipText("The selected computer's settings and system information (or double-click it)");
        openCard.addListener(SWT.Selection, e -> openCard());
        connect = new Button(bar, SWT.PUSH);
        connect.setText("Connect");
        connect.setToolTipText("Opens a session to the selected computer");
        connect.addListener(SWT.Selection, e -> connect());
        Button addComputer = new Button(bar, SWT.PUSH);
        addComputer.setText("Add a computer…");
        addComputer.addListener(SWT.Selection, e -> openAddComputer());
    }

    private void emptyState(Composite parent) {
        emptyState = new Composite(parent, SWT.BORDER);
        emptyState.setBackground(parent.getDisplay().getSystemColor(SWT.COLOR_LIST_BACKGROUND));
        emptyState.setBackgroundMode(SWT.INHERIT_FORCE);
        GridLayoutFactory.swtDefaults().margins(24, 24).spacing(0, 12).applyTo(emptyState);
        Label above = new Label(emptyState, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(above);
        emptyTitle = new Label(emptyState, SWT.CENTER | SWT.WRAP);
        emptyTitle.setFont(JFaceResources.getHeaderFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(emptyTitle);
        emptyDetail = new Label(emptyState, SWT.CENTER | SWT.WRAP);
        GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).align(SWT.CENTER, SWT.TOP)
                .applyTo(emptyDetail);
        emptyAdd = new Button(emptyState, SWT.PUSH);
        emptyAdd.setText("Add a computer…");
        GridDataFactory.swtDefaults().align(SWT.CENTER, SWT.TOP).indent(0, 8).applyTo(emptyAdd);
        emptyAdd.addListener(SWT.Selection, e -> openAddComputer());
        Label below = new Label(emptyState, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(below);
    }

    private void tableView(Composite parent) {
        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        Table control = table.getTable();
        control.setHeaderVisible(true);
        control.setLinesVisible(false);
        table.setContentProvider(ArrayContentProvider.getInstance());
        // Rows are the same row from one refresh to the next when they stand for the same computer or heading:
        // the selection survives live updates.
        table.setComparer(new IElementComparer() {

            @Override
            public boolean equals(Object a, Object b) {
                return key(a).equals(key(b));
            }

            @Override
            public int hashCode(Object element) {
                return key(element).hashCode();
            }
        });
        ColumnViewerToolTipSupport.enableFor(table);
        Font bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);

        column("", 34, null, new RowLabels() {

            @Override
            Image image(DeviceDTO device) {
                return device.favourite() ? icons.star() : null;
            }

            @Override
            String tip(DeviceDTO device) {
                return device.favourite() ? "A favourite: always shown first" : null;
            }
        });
        column("Name", 220, SortOrder.NAME, new RowLabels(true) {

            @Override
            String text(DeviceDTO device) {
                return DeviceText.name(device);
            }

            @Override
            public Font getFont(Object element) {
                return bold;
            }

            @Override
            String tip(DeviceDTO device) {
                return DeviceText.blank(device.hostName()) ? null : "Host name: " + device.hostName();
            }
        });
        column("Status", 120, SortOrder.STATUS, new RowLabels() {

            @Override
            String text(DeviceDTO device) {
                return DeviceText.status(device.status());
            }

            @Override
            Image image(DeviceDTO device) {
                return icons.status(device.status());
            }

            @Override
            String tip(DeviceDTO device) {
                return DeviceText.blank(device.loggedInUser()) ? null : "Signed in: " + device.loggedInUser();
            }
        });
        column("OS", 130, SortOrder.OS, new RowLabels() {

            @Override
            String text(DeviceDTO device) {
                return DeviceText.osFamily(device.osName());
            }

            @Override
            Image image(DeviceDTO device) {
                return icons.os(DeviceText.osFamily(device.osName()));
            }

            @Override
            String tip(DeviceDTO device) {
                return DeviceText.osWithVersion(device) + (DeviceText.blank(device.agentVersion())
                        ? ""
                        : "\nAgent " + device.agentVersion());
            }
        });
        column("Group", 130, SortOrder.GROUP, new RowLabels() {

            @Override
            String text(DeviceDTO device) {
                return DeviceText.blank(device.groupName()) ? "" : device.groupName();
            }
        });
        column("Address", 250, null, new RowLabels() {

            @Override
            String text(DeviceDTO device) {
                return DeviceText.address(device);
            }

            @Override
            String tip(DeviceDTO device) {
                return DeviceText.address(device);
            }
        });
        column("Last connection", 140, SortOrder.LAST_CONNECTION, new RowLabels() {

            @Override
            String text(DeviceDTO device) {
                return DeviceText.lastConnection(device, Instant.now(), ZoneId.systemDefault());
            }
        });
        table.setInput(rows);
        table.addSelectionChangedListener(e -> {
            DeviceDTO device = selectedRow();
            if (device != null) {
                selected(device);
            } else if (!e.getSelection().isEmpty()) {
                // A heading is no computer: keep the computer selected before.
                reselect();
            }
        });
        table.addDoubleClickListener(e -> {
            if (selectedRow() != null) {
                openCard();
            }
        });
    }

    private void column(String title, int width, SortOrder sorting, RowLabels labels) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(labels);
        if (sorting != null) {
            column.getColumn().setToolTipText("Sort by " + sorting.label.toLowerCase(Locale.ROOT));
            column.getColumn().addListener(SWT.Selection, e -> sortBy(sorting));
            sortColumns.put(sorting, column.getColumn());
        }
    }

    /** What a column shows of a computer; headings show their title in bold in the name column. */
    private abstract class RowLabels extends ColumnLabelProvider {

        private final boolean showsHeadings;

        RowLabels() {
            this(false);
        }

        RowLabels(boolean showsHeadings) {
            this.showsHeadings = showsHeadings;
        }

        String text(DeviceDTO device) {
            return "";
        }

        Image image(DeviceDTO device) {
            return null;
        }

        String tip(DeviceDTO device) {
            return null;
        }

        @Override
        public String getText(Object element) {
            if (element instanceof HeadingRow heading) {
                return showsHeadings ? heading.title() + "  ·  " + heading.count() : "";
            }
            return text(((DeviceRow) element).device());
        }

        @Override
        public Image getImage(Object element) {
            return element instanceof DeviceRow row ? image(row.device()) : null;
        }

        @Override
        public Color getBackground(Object element) {
            return element instanceof HeadingRow ? HEADER_BACKGROUND : null;
        }

        @Override
        public Font getFont(Object element) {
            return null;
        }

        @Override
        public String getToolTipText(Object element) {
            return element instanceof DeviceRow row ? tip(row.device()) : null;
        }
    }

    private static String key(Object row) {
        return switch (row) {
            case HeadingRow heading -> "heading:" + heading.title();
            case DeviceRow device -> "device:" + device.device().id();
            default -> String.valueOf(row);
        };
    }

    // Live updates

    /** Reads the list every few seconds while the window is open; previews only while tiles are shown. */
    private final class RefreshJob extends Job {

        RefreshJob() {
            super("Reading the computers of " + session.server());
            setSystem(true);
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            if (closed) {
                return Status.CANCEL_STATUS;
            }
            try {
                List<DeviceDTO> list = client.devices(session);
                Ui.later(shell, () -> showDevices(list));
                if (tilesShown) {
                    fetchPreviews(list);
                }
            } catch (ServerException e) {
                logger.debug("Reading the computers failed: {}", e.getMessage());
                Ui.later(shell, () -> showError(e.getMessage()));
            }
            if (!closed) {
                schedule(REFRESH_MILLIS);
            }
            return Status.OK_STATUS;
        }
    }

    private void fetchPreviews(List<DeviceDTO> list) throws ServerException {
        Instant now = Instant.now();
        for (String id : previews.due(list, now)) {
            if (closed) {
                return;
            }
            previews.asked(id, now);
            Optional<byte[]> image = client.devicePreview(session, id);
            if (image.isEmpty()) {
                Ui.later(shell, () -> {
                    previews.remove(id);
                    tiles.previewChanged(id);
                });
                continue;
            }
            try {
                ImageData screenshot = new ImageData(new ByteArrayInputStream(image.get()));
                Ui.later(shell, () -> {
                    previews.put(shell.getDisplay(), id, screenshot);
                    tiles.previewChanged(id);
                });
            } catch (SWTException e) {
                logger.info("The preview of device {} is no image the console can read: {}", id, e.getMessage());
            }
        }
    }

    /** Reads the list now rather than at the next turn. */
    void refreshNow() {
        if (refresh.getState() == Job.SLEEPING) {
            refresh.wakeUp();
        } else if (refresh.getState() == Job.NONE && !closed) {
            refresh.schedule();
        }
    }

    private void showDevices(List<DeviceDTO> list) {
        devices = List.copyOf(list);
        loaded = true;
        loads++;
        previews.keepOnly(devices);
        long connected = devices.stream().filter(d -> DeviceText.connected(d.status())).count();
        statusLine.setForeground(null);
        statusLine.setText(devices.isEmpty()
                ? "The list updates by itself as computers join."
                : devices.size() + (devices.size() == 1 ? " computer, " : " computers, ") + connected
                        + " connected. The list updates by itself.");
        showArrangement();
    }

    private void showError(String message) {
        statusLine.setForeground(ERROR);
        statusLine.setText(message);
        if (!loaded) {
            showEmpty("The computers could not be read", message, false);
        }
    }

    // Arrangement and views

    private void showArrangement() {
        List<Section> sections = DeviceArrangement.arrange(devices, search.getText(), sortOrder(), grouping());
        if (!loaded) {
            showEmpty("Loading the computers…", "", false);
            return;
        }
        if (devices.isEmpty()) {
            showEmpty(EMPTY_TEXT, "Create an enrollment token there and put it in the agent's settings: the computer "
                    + "shows up here by itself when its agent starts.", true);
            return;
        }
        if (sections.isEmpty()) {
            showEmpty("No computer matches “" + search.getText().strip() + "”",
                    "The search looks at names, host names, groups, operating systems, addresses and statuses.", false);
            return;
        }
        Table control = table.getTable();
        control.setSortColumn(sortColumns.get(sortOrder()));
        control.setSortDirection(sortOrder() == SortOrder.LAST_CONNECTION ? SWT.DOWN : SWT.UP);
        int top = control.getTopIndex();
        rows.clear();
        for (Section section : sections) {
            if (section.title() != null) {
                rows.add(new HeadingRow(section.title(), section.devices().size()));
            }
            section.devices().forEach(d -> rows.add(new DeviceRow(d)));
        }
        table.refresh();
        reselect();
        control.setTopIndex(top);
        tiles.show(sections);
        tiles.select(selectedId);
        viewStack.topControl = tilesShown ? tiles.control() : control;
        views.layout();
        updateActions();
    }

    private void showEmpty(String title, String detail, boolean offerAdding) {
        emptyTitle.setText(title);
        emptyDetail.setText(detail);
        emptyAdd.setVisible(offerAdding);
        viewStack.topControl = emptyState;
        views.layout();
        emptyState.layout(true, true);
        updateActions();
    }

    private void reselect() {
        Optional<DeviceRow> row = rows.stream().filter(DeviceRow.class::isInstance).map(DeviceRow.class::cast)
                .filter(r -> r.device().id().equals(selectedId)).findFirst();
        if (row.isPresent()) {
            if (!row.get().equals(((IStructuredSelection) table.getSelection()).getFirstElement())) {
                table.setSelection(new StructuredSelection(row.get()), false);
            }
        } else {
            table.setSelection(StructuredSelection.EMPTY);
        }
    }

    private void selected(DeviceDTO device) {
        if (!device.id().equals(selectedId)) {
            selectedId = device.id();
            reselect();
            tiles.select(selectedId);
        }
        updateActions();
    }

    private DeviceDTO selectedRow() {
        Object first = ((IStructuredSelection) table.getSelection()).getFirstElement();
        return first instanceof DeviceRow row ? row.device() : null;
    }

    private Optional<DeviceDTO> selectedDevice() {
        return devices.stream().filter(d -> d.id().equals(selectedId)).findFirst();
    }

    private void updateActions() {
        boolean shown = viewStack.topControl != emptyState;
        openCard.setEnabled(shown && selectedDevice().isPresent());
        connect.setEnabled(shown && selectedDevice().map(d -> DeviceText.reachable(d.status())).orElse(false));
        connect.setToolTipText(selectedDevice().map(d -> DeviceText.connectHint(d, "the selected computer"))
                .orElse("Opens a session to the selected computer"));
    }

    private SortOrder sortOrder() {
        return SortOrder.values()[Math.max(0, sortBy.getSelectionIndex())];
    }

    private Grouping grouping() {
        return Grouping.values()[Math.max(0, groupBy.getSelectionIndex())];
    }

    // What a person does; package-private for the console's tests.

    void showTiles(boolean tilesWanted) {
        tilesShown = tilesWanted;
        listButton.setSelection(!tilesWanted);
        tilesButton.setSelection(tilesWanted);
        if (viewStack.topControl != emptyState) {
            viewStack.topControl = tilesWanted ? tiles.control() : table.getControl();
            views.layout();
            if (tilesWanted) {
                tiles.reveal(selectedId);
            } else {
                table.getTable().showSelection();
            }
        }
        if (tilesWanted) {
            refreshNow(); // the previews are fetched with the next reading
        }
    }

    void sortBy(SortOrder order) {
        sortBy.select(order.ordinal());
        showArrangement();
    }

    void groupBy(Grouping grouping) {
        groupBy.select(grouping.ordinal());
        showArrangement();
    }

    void search(String text) {
        search.setText(text); // the field's Modify listener arranges the list
    }

    /** Selects the first computer of this name, as a click on it does. */
    void select(String name) {
        devices.stream().filter(d -> DeviceText.name(d).equals(name)).findFirst().ifPresent(this::selected);
    }

    /** Opens the selected computer's card; not blocking, so tests can drive it. Null without a selection. */
    DeviceCardDialog openCard() {
        Optional<DeviceDTO> device = selectedDevice();
        if (device.isEmpty()) {
            return null;
        }
        DeviceCardDialog card = new DeviceCardDialog(shell, client, session, device.get(),
                DeviceArrangement.groupNames(devices), icons, this::deviceChanged, this::deviceRemoved);
        card.setBlockOnOpen(false);
        card.open();
        return card;
    }

    /**
     * Opens a session window to the selected computer and starts the session (SES-1); not blocking, so tests can
     * drive the window. Null without a selected computer that can be reached.
     */
    SessionViewer connect() {
        Optional<DeviceDTO> device = selectedDevice().filter(d -> DeviceText.reachable(d.status()));
        if (device.isEmpty()) {
            return null;
        }
        return SessionViewer.connect(shell.getDisplay(), client, session, device.get().id(),
                DeviceText.name(device.get()), SESSION_FILES);
    }

    /** Opens the way to add a computer; not blocking, so tests can drive it. */
    AddComputerDialog openAddComputer() {
        AddComputerDialog dialog = new AddComputerDialog(shell, client, session);
        dialog.setBlockOnOpen(false);
        dialog.open();
        return dialog;
    }

    private void deviceChanged(DeviceDTO changed) {
        List<DeviceDTO> updated = new ArrayList<>(devices);
        updated.replaceAll(d -> d.id().equals(changed.id()) ? changed : d);
        devices = List.copyOf(updated);
        showArrangement();
        refreshNow();
    }

    private void deviceRemoved(String deviceId) {
        devices = devices.stream().filter(d -> !d.id().equals(deviceId)).toList();
        if (deviceId.equals(selectedId)) {
            selectedId = null;
        }
        previews.keepOnly(devices);
        showArrangement();
        refreshNow();
    }

    // What the window shows, for the console's tests.

    /** How many times the list was read. */
    int loads() {
        return loads;
    }

    /** The empty state's title while it is shown, else "". */
    String emptyStateText() {
        return viewStack.topControl == emptyState ? emptyTitle.getText() : "";
    }

    String statusText() {
        return statusLine.getText();
    }

    /** The list's lines as shown: "[Heading · n]" or the computer's name, with "★ " for favourites. */
    List<String> shownRows() {
        return rows.stream().map(row -> switch (row) {
            case HeadingRow heading -> "[" + heading.title() + " · " + heading.count() + "]";
            case DeviceRow device -> (device.device().favourite() ? "★ " : "") + DeviceText.name(device.device());
        }).toList();
    }

    /** The cells of the computer's line in the list, left to right, from Name on. */
    List<String> shownCells(String name) {
        for (var item : table.getTable().getItems()) {
            if (item.getData() instanceof DeviceRow row && DeviceText.name(row.device()).equals(name)) {
                List<String> cells = new ArrayList<>();
                for (int i = 1; i < table.getTable().getColumnCount(); i++) {
                    cells.add(item.getText(i));
                }
                return cells;
            }
        }
        return List.of();
    }

    boolean showsTiles() {
        return tilesShown && viewStack.topControl == tiles.control();
    }

    int tileCount() {
        return tiles.tileCount();
    }

    int tilesWithPreview() {
        return tiles.previewCount();
    }

    String selectedName() {
        return selectedDevice().map(DeviceText::name).orElse(null);
    }

    List<String> columnTitles() {
        List<String> titles = new ArrayList<>();
        for (TableColumn column : table.getTable().getColumns()) {
            titles.add(column.getText());
        }
        return titles;
    }
}
