package io.helmdesk.console.app.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.Point;
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
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeColumn;
import org.eclipse.swt.widgets.TreeItem;

import io.helmdesk.console.client.api.ConsoleSession;
import io.helmdesk.console.client.api.ServerClient;
import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;
import io.helmdesk.rest.api.DeviceDTOs.DeviceSettingsUpdate;
import io.helmdesk.rest.api.DeviceDTOs.SystemInfoEntryDTO;
import io.helmdesk.rest.api.DeviceDTOs.SystemInfoSectionDTO;

/**
 * A computer's card: its settings (DEV-4: name, group, previews, what operators may do; whether its user must allow
 * each session, SES-2; favourite; removal, DEV-12) and what its agent reported (DEV-7): a general tab in plain words
 * and every detail, sections the console does not know included. Changes are made on the server at once; the
 * computers window is told so its list shows them.
 */
class DeviceCardDialog extends ServerDialog {

    static final int SETTINGS_TAB = 0;
    static final int GENERAL_TAB = 1;
    static final int DETAILS_TAB = 2;
    /** The sections the console knows, with their titles; the general tab shows the first five, in this order. */
    private static final List<String[]> KNOWN_SECTIONS = List.of(new String[]{"os", "Operating system"},
            new String[]{"cpu", "Processor"}, new String[]{"memory", "Memory"}, new String[]{"disks", "Disks"},
            new String[]{"network", "Network"}, new String[]{"hardware", "Hardware"});
    private static final int GENERAL_SECTIONS = 5; // os, cpu, memory, disks, network
    private static final Color SECTION_BACKGROUND = new Color(232, 236, 242);

    private final ServerClient client;
    private final ConsoleSession session;
    private final List<String> knownGroups;
    private final DeviceIcons icons;
    private final Consumer<DeviceDTO> changed;
    private final Consumer<String> removed;
    private DeviceDTO device;
    private List<SystemInfoSectionDTO> systemInfo = List.of();
    private boolean systemInfoLoaded;
    private boolean deviceRemoved;

    private TabFolder tabs;
    private Text displayName;
    private Combo group;
    private Button previewsEnabled;
    private Button operatorsMayConfigure;
    private Button consentRequired;
    private Button favourite;
    private Button understood;
    private Table general;
    private Tree details;

    DeviceCardDialog(Shell parent, ServerClient client, ConsoleSession session, DeviceDTO device,
            List<String> knownGroups, DeviceIcons icons, Consumer<DeviceDTO> changed, Consumer<String> removed) {
        super(parent, "Working on a computer");
        this.client = client;
        this.session = session;
        this.device = device;
        this.knownGroups = knownGroups;
        this.icons = icons;
        this.changed = changed;
        this.removed = removed;
        // Several cards may stay open beside the list, which keeps updating.
        setShellStyle(SWT.DIALOG_TRIM | SWT.RESIZE | SWT.MODELESS);
    }

    @Override
    public void create() {
        super.create();
        showHeading();
        loadSystemInfo();
    }

    @Override
    protected Point getInitialSize() {
        Point preferred = super.getInitialSize();
        return new Point(Math.max(700, preferred.x), Math.max(640, preferred.y));
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        tabs = new TabFolder(area, SWT.TOP);
        tabs.addListener(SWT.Selection, e -> setErrorMessage(null));
        GridDataFactory.fillDefaults().grab(true, true).hint(620, SWT.DEFAULT).applyTo(tabs);
        settingsTab();
        generalTab();
        detailsTab();
        return area;
    }

    private void showHeading() {
        getShell().setText(DeviceText.name(device) + " — Helmdesk Console");
        setTitle(DeviceText.name(device));
        setMessage(DeviceText.status(device.status()) + " · " + DeviceText.osWithVersion(device) + " · "
                + DeviceText.address(device));
    }

    // Settings (DEV-4, DEV-5, DEV-12)

    private void settingsTab() {
        Composite page = page("Settings");
        displayName = field(page, "Display name:");
        displayName.setTextLimit(100);
        displayName.setText(DeviceText.blank(device.displayName()) ? "" : device.displayName());
        displayName.setMessage(DeviceText.orDash(device.hostName()));
        new Label(page, SWT.NONE).setText("Group:");
        group = new Combo(page, SWT.DROP_DOWN);
        knownGroups.forEach(group::add);
        group.setText(DeviceText.blank(device.groupName()) ? "" : device.groupName());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(group);
        Label groupHint = new Label(page, SWT.WRAP);
        groupHint.setText("An office, a department, a floor…: the list can be grouped by it.");
        groupHint.setForeground(new Color(100, 108, 120));
        GridDataFactory.fillDefaults().span(2, 1).indent(0, -4).applyTo(groupHint);

        previewsEnabled = new Button(page, SWT.CHECK);
        previewsEnabled.setText("Take a screenshot preview once a minute (shown in the tile view)");
        previewsEnabled.setSelection(device.previewsEnabled());
        GridDataFactory.swtDefaults().span(2, 1).applyTo(previewsEnabled);
        operatorsMayConfigure = new Button(page, SWT.CHECK);
        operatorsMayConfigure
                .setText("Operators without admin rights may change the agent's settings or quit it");
        operatorsMayConfigure.setSelection(device.operatorsMayConfigure());
        GridDataFactory.swtDefaults().span(2, 1).applyTo(operatorsMayConfigure);
        consentRequired = new Button(page, SWT.CHECK);
        consentRequired.setText("The user at this computer must allow each session");
        consentRequired.setSelection(device.consentRequired());
        GridDataFactory.swtDefaults().span(2, 1).applyTo(consentRequired);
        Button save = new Button(page, SWT.PUSH);
        save.setText("Save");
        GridDataFactory.swtDefaults().span(2, 1).hint(Math.max(100, save.computeSize(SWT.DEFAULT, SWT.DEFAULT).x),
                SWT.DEFAULT).applyTo(save);
        save.addListener(SWT.Selection, e -> save());

        favourite = new Button(page, SWT.CHECK);
        favourite.setText("Favourite: always at the top of the list");
        favourite.setImage(icons.star());
        favourite.setSelection(device.favourite());
        GridDataFactory.swtDefaults().span(2, 1).indent(0, 10).applyTo(favourite);
        favourite.addListener(SWT.Selection, e -> markFavourite(favourite.getSelection()));

        Group removal = new Group(page, SWT.NONE);
        removal.setText("Remove this computer");
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).indent(0, 10).applyTo(removal);
        GridLayoutFactory.swtDefaults().margins(10, 8).spacing(8, 8).applyTo(removal);
        Label warning = new Label(removal, SWT.WRAP);
        warning.setText("The computer leaves the list; its agent forgets this account and stops connecting. To add "
                + "it again, enroll its agent again.");
        GridDataFactory.fillDefaults().grab(true, false).hint(560, SWT.DEFAULT).applyTo(warning);
        understood = new Button(removal, SWT.CHECK);
        understood.setText("I understand that the computer must be enrolled again to come back");
        Button remove = new Button(removal, SWT.PUSH);
        remove.setText("Remove this computer");
        remove.addListener(SWT.Selection, e -> remove());
    }

    void save() {
        DeviceSettingsUpdate update = new DeviceSettingsUpdate(displayName.getText().strip(), group.getText().strip(),
                previewsEnabled.getSelection(), operatorsMayConfigure.getSelection(), consentRequired.getSelection());
        inBackground(() -> {
            DeviceDTO saved = client.updateDevice(session, device.id(), update);
            Ui.later(getShell(), () -> {
                device = saved;
                showHeading();
                setMessage("Saved. " + (DeviceText.connected(saved.status())
                        ? "The agent shows the new name now."
                        : "The agent learns the new settings when it connects."));
                changed.accept(saved);
                refreshGeneral();
            });
        });
    }

    void markFavourite(boolean wanted) {
        inBackground(() -> {
            DeviceDTO saved = client.favourite(session, device.id(), wanted);
            Ui.later(getShell(), () -> {
                device = saved;
                favourite.setSelection(saved.favourite());
                setMessage(saved.favourite()
                        ? "A favourite now: it is at the top of the list."
                        : "No longer a favourite.");
                changed.accept(saved);
            });
        });
    }

    void remove() {
        if (!understood.getSelection()) {
            setErrorMessage("Tick \"I understand that the computer must be enrolled again to come back\" first.");
            return;
        }
        String id = device.id();
        inBackground(() -> {
            client.removeDevice(session, id);
            Ui.later(getShell(), () -> {
                deviceRemoved = true;
                removed.accept(id);
                close();
            });
        });
    }

    // General and details (DEV-7)

    private void generalTab() {
        Composite page = page("General");
        general = new Table(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        general.setLinesVisible(false);
        general.setHeaderVisible(false);
        new TableColumn(general, SWT.LEFT).setWidth(190);
        new TableColumn(general, SWT.LEFT).setWidth(420);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(600, 300).applyTo(general);
        refreshGeneral();
    }

    private void detailsTab() {
        Composite page = page("Details");
        details = new Tree(page, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        details.setHeaderVisible(true);
        details.setLinesVisible(true);
        TreeColumn item = new TreeColumn(details, SWT.LEFT);
        item.setText("Item");
        item.setWidth(220);
        TreeColumn value = new TreeColumn(details, SWT.LEFT);
        value.setText("Value");
        value.setWidth(400);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, true).hint(600, 300).applyTo(details);
        refreshDetails();
    }

    private void loadSystemInfo() {
        inBackground(() -> {
            List<SystemInfoSectionDTO> sections = client.systemInfo(session, device.id());
            Ui.later(getShell(), () -> {
                systemInfo = sections;
                systemInfoLoaded = true;
                refreshGeneral();
                refreshDetails();
            });
        });
    }

    private void refreshGeneral() {
        general.removeAll();
        Font bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        heading(general, "This computer", bold);
        row(general, "Name", DeviceText.name(device));
        TableItem status = row(general, "Status", DeviceText.status(device.status()));
        status.setImage(1, icons.status(device.status()));
        row(general, "Host name", DeviceText.orDash(device.hostName()));
        TableItem os = row(general, "Platform", DeviceText.osWithVersion(device));
        os.setImage(1, icons.os(DeviceText.osFamily(device.osName())));
        row(general, "Signed-in user", DeviceText.orDash(device.loggedInUser()));
        row(general, "Address", DeviceText.address(device));
        row(general, "Last connection",
                DeviceText.lastConnection(device, Instant.now(), ZoneId.systemDefault()));
        row(general, "Agent version", DeviceText.orDash(device.agentVersion()));
        row(general, "Added", DeviceText.day(device.createdAt(), ZoneId.systemDefault()));
        if (!systemInfoLoaded) {
            row(general, "System information", "Reading…");
            return;
        }
        if (systemInfo.isEmpty()) {
            row(general, "System information", "Not reported yet: the agent sends it when it connects.");
            return;
        }
        for (String[] known : KNOWN_SECTIONS.subList(0, GENERAL_SECTIONS)) {
            systemInfo.stream().filter(s -> known[0].equals(s.name())).findFirst().ifPresent(section -> {
                heading(general, known[1], bold);
                for (SystemInfoEntryDTO entry : entries(section)) {
                    row(general, entry.key(), entry.value());
                }
            });
        }
    }

    private void refreshDetails() {
        details.removeAll();
        if (!systemInfoLoaded || systemInfo.isEmpty()) {
            TreeItem note = new TreeItem(details, SWT.NONE);
            note.setText(new String[]{systemInfoLoaded ? "Not reported yet" : "Reading…",
                    systemInfoLoaded ? "The agent sends its system information when it connects." : ""});
            return;
        }
        Font bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
        for (SystemInfoSectionDTO section : systemInfo) {
            TreeItem parent = new TreeItem(details, SWT.NONE);
            int count = entries(section).size();
            parent.setText(new String[]{sectionTitle(section.name()), count + (count == 1 ? " item" : " items")});
            parent.setFont(0, bold);
            for (SystemInfoEntryDTO entry : entries(section)) {
                TreeItem child = new TreeItem(parent, SWT.NONE);
                child.setText(new String[]{DeviceText.orDash(entry.key()), entry.value() == null ? "" : entry.value()});
            }
            parent.setExpanded(true);
        }
    }

    static String sectionTitle(String name) {
        for (String[] known : KNOWN_SECTIONS) {
            if (known[0].equals(name)) {
                return known[1];
            }
        }
        return DeviceText.blank(name)
                ? "Other"
                : name.substring(0, 1).toUpperCase(Locale.ROOT)
                        + name.substring(1);
    }

    private static List<SystemInfoEntryDTO> entries(SystemInfoSectionDTO section) {
        return section.entries() == null ? List.of() : section.entries();
    }

    private static void heading(Table table, String title, Font bold) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(0, title);
        item.setFont(0, bold);
        item.setBackground(SECTION_BACKGROUND);
    }

    private static TableItem row(Table table, String key, String value) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(new String[]{"   " + key, value == null ? "" : value});
        return item;
    }

    private Composite page(String title) {
        TabItem item = new TabItem(tabs, SWT.NONE);
        item.setText(title);
        Composite page = new Composite(tabs, SWT.NONE);
        GridLayoutFactory.swtDefaults().numColumns(2).margins(12, 12).spacing(10, 8).applyTo(page);
        item.setControl(page);
        return page;
    }

    private static Text field(Composite page, String caption) {
        new Label(page, SWT.NONE).setText(caption);
        Text text = new Text(page, SWT.BORDER | SWT.SINGLE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(text);
        return text;
    }

    // For the console's tests: what a person types and sees.

    void showTab(int index) {
        tabs.setSelection(index);
    }

    void typeSettings(String name, String groupName, boolean previews, boolean operators, boolean consent) {
        displayName.setText(name);
        group.setText(groupName);
        previewsEnabled.setSelection(previews);
        operatorsMayConfigure.setSelection(operators);
        consentRequired.setSelection(consent);
    }

    boolean consentRequiredShown() {
        return consentRequired.getSelection();
    }

    void tickFavourite(boolean wanted) {
        favourite.setSelection(wanted);
        markFavourite(wanted);
    }

    void typeRemoval(boolean sure) {
        understood.setSelection(sure);
    }

    boolean systemInfoShown() {
        return systemInfoLoaded;
    }

    /** The general tab's lines: "key = value", headings as "[title]". */
    List<String> generalLines() {
        List<String> lines = new ArrayList<>();
        for (TableItem item : general.getItems()) {
            lines.add(item.getText(1).isEmpty() && item.getBackground().equals(SECTION_BACKGROUND)
                    ? "[" + item.getText(0) + "]"
                    : item.getText(0).strip() + " = " + item.getText(1));
        }
        return lines;
    }

    /** The details tab's lines: sections as "[title]", entries as "key = value". */
    List<String> detailLines() {
        List<String> lines = new ArrayList<>();
        for (TreeItem section : details.getItems()) {
            lines.add("[" + section.getText(0) + "]");
            for (TreeItem entry : section.getItems()) {
                lines.add(entry.getText(0) + " = " + entry.getText(1));
            }
        }
        return lines;
    }

    DeviceDTO device() {
        return device;
    }

    boolean removedTheDevice() {
        return deviceRemoved;
    }

    String shownMessage() {
        return getMessage();
    }

    String error() {
        return getErrorMessage();
    }
}
