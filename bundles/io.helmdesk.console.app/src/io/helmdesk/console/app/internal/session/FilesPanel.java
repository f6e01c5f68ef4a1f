package io.helmdesk.console.app.internal.session;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Link;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.helmdesk.protocol.message.FileListing;
import io.helmdesk.session.FileTransfers;

/**
 * Files both ways during the session (SES-4): send files of this computer to the remote user's chosen folder, browse
 * that folder and fetch files from it into this console's folder for session files, and follow every transfer with
 * its progress and outcome.
 */
final class FilesPanel {

    private static final DateTimeFormatter DAY_AND_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** A transfer as the panel shows it. */
    private static final class Transfer {

        final String name;
        final boolean outgoing;
        final TableItem item;
        long done;
        long size;
        boolean finished;

        Transfer(String name, boolean outgoing, long size, TableItem item) {
            this.name = name;
            this.outgoing = outgoing;
            this.size = size;
            this.item = item;
        }
    }

    private final SessionViewer viewer;
    /** Tells the window's status line: the sentence, and whether it is a failure. */
    private final BiConsumer<String, Boolean> status;
    private final Composite root;
    private final Button sendFile;
    private final Label remotePath;
    private final Table remoteEntries;
    private final Button up;
    private final Button refresh;
    private final Button fetch;
    private final Table transfers;
    private final ProgressBar progress;
    private final Label progressText;
    private final Map<Long, Transfer> byId = new LinkedHashMap<>();
    private List<FileListing.Entry> entries = List.of();
    private String browsedPath = "";
    private Long followed;

    FilesPanel(Composite parent, SessionViewer viewer, BiConsumer<String, Boolean> status) {
        this.viewer = viewer;
        this.status = status;
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(8, 8).spacing(6, 8).applyTo(root);

        Link folder = new Link(root, SWT.WRAP);
        folder.setText("Files you fetch or the remote user sends are saved in <a>" + viewer.filesFolder() + "</a>");
        folder.addListener(SWT.Selection, e -> Program.launch(viewer.filesFolder().toString()));
        GridDataFactory.fillDefaults().grab(true, false).hint(280, SWT.DEFAULT).applyTo(folder);

        sendFile = new Button(root, SWT.PUSH);
        sendFile.setText("Send a file…");
        sendFile.setToolTipText("Sends files of this computer to the remote computer's Helmdesk folder");
        sendFile.addListener(SWT.Selection, e -> chooseAndSend());

        Group remote = new Group(root, SWT.NONE);
        remote.setText("On the remote computer");
        GridLayoutFactory.swtDefaults().numColumns(3).applyTo(remote);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(remote);
        remotePath = new Label(remote, SWT.NONE);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(remotePath);
        remoteEntries = new Table(remote, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        remoteEntries.setHeaderVisible(true);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).hint(SWT.DEFAULT, 140).applyTo(remoteEntries);
        column(remoteEntries, "Name", 130);
        column(remoteEntries, "Size", 64);
        column(remoteEntries, "Modified", 116);
        remoteEntries.addListener(SWT.DefaultSelection, e -> openSelected());
        remoteEntries.addListener(SWT.Selection, e -> updateButtons());
        up = button(remote, "Up", e -> browse(parentOf(browsedPath)));
        refresh = button(remote, "Refresh", e -> browse(browsedPath));
        fetch = button(remote, "Fetch", e -> openSelected());
        fetch.setToolTipText("Copies the selected file to this computer");

        Group moving = new Group(root, SWT.NONE);
        moving.setText("Transfers");
        GridLayoutFactory.swtDefaults().applyTo(moving);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(moving);
        transfers = new Table(moving, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        transfers.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).hint(SWT.DEFAULT, 100).applyTo(transfers);
        column(transfers, "File", 110);
        column(transfers, "Status", 200);
        progress = new ProgressBar(moving, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setMaximum(1000);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progress);
        progressText = new Label(moving, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(progressText);
        enable(false);
    }

    Control control() {
        return root;
    }

    /** Files work while the session runs. */
    void enable(boolean running) {
        sendFile.setEnabled(running);
        refresh.setEnabled(running);
        remoteEntries.setEnabled(running);
        updateButtons();
        if (!running) {
            up.setEnabled(false);
            fetch.setEnabled(false);
        }
    }

    /** Lists the remote folder when the panel is first shown. */
    void shown() {
        if (viewer.connected() && remotePath.getText().isEmpty()) {
            browse("");
        }
    }

    // Sending

    private void chooseAndSend() {
        FileDialog dialog = new FileDialog(root.getShell(), SWT.OPEN | SWT.MULTI);
        dialog.setText("Send files to " + viewer.computerName());
        if (dialog.open() == null) {
            return;
        }
        for (String name : dialog.getFileNames()) {
            send(Path.of(dialog.getFilterPath(), name));
        }
    }

    /** Sends one file, as choosing it in the dialog does. */
    void send(Path file) {
        try {
            viewer.sendFile(file);
        } catch (NoSuchFileException e) {
            status.accept(file.getFileName() + " is not a file that can be sent.", true);
        } catch (IOException e) {
            status.accept("Cannot send " + file.getFileName() + ": " + e.getMessage(), true);
        } catch (IllegalArgumentException | IllegalStateException e) {
            status.accept("Cannot send " + file.getFileName() + ": " + e.getMessage(), true);
        }
    }

    // The remote folder

    /** Asks for a folder of the remote user's chosen folder ("" for the folder itself). */
    void browse(String path) {
        FileTransfers files = viewer.files();
        if (files == null) {
            return;
        }
        try {
            files.list(path);
            remotePath.setText("Reading " + display(path) + "…");
        } catch (IllegalArgumentException | IllegalStateException e) {
            status.accept("Cannot list " + display(path) + ": " + e.getMessage(), true);
        }
    }

    /** The remote computer's answer to a listing. */
    void listing(FileListing listing) {
        browsedPath = listing.path();
        entries = listing.entries();
        remoteEntries.removeAll();
        for (FileListing.Entry entry : entries) {
            TableItem item = new TableItem(remoteEntries, SWT.NONE);
            item.setText(new String[]{entry.folder() ? entry.name() + "/" : entry.name(),
                    entry.folder() ? "" : SessionSentences.size(entry.size()),
                    entry.modifiedMillis() <= 0
                            ? ""
                            : DAY_AND_TIME.format(
                                    Instant.ofEpochMilli(entry.modifiedMillis()).atZone(ZoneId.systemDefault()))});
        }
        remotePath.setText(display(browsedPath) + (listing.error().isEmpty() ? "" : ": " + listing.error()));
        updateButtons();
    }

    /** A folder opens, a file is fetched. */
    private void openSelected() {
        int index = remoteEntries.getSelectionIndex();
        if (index < 0 || index >= entries.size()) {
            return;
        }
        FileListing.Entry entry = entries.get(index);
        String path = browsedPath.isEmpty() ? entry.name() : browsedPath + "/" + entry.name();
        if (entry.folder()) {
            browse(path);
        } else {
            fetch(path, entry.name(), entry.size());
        }
    }

    /** Fetches a file of the remote folder into this console's folder for session files. */
    void fetch(String path, String name, long size) {
        FileTransfers files = viewer.files();
        if (files == null) {
            return;
        }
        try {
            long id = files.request(path);
            started(id, name, false, size);
        } catch (IllegalArgumentException | IllegalStateException e) {
            status.accept("Cannot fetch " + name + ": " + e.getMessage(), true);
        }
    }

    /** Selects an entry of the listing by name, as a click does; false when there is none. */
    boolean select(String name) {
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).name().equals(name)) {
                remoteEntries.setSelection(i);
                updateButtons();
                return true;
            }
        }
        return false;
    }

    /** Opens the selected entry, as a double-click or Fetch does. */
    void openSelection() {
        openSelected();
    }

    // Transfers

    void started(long id, String name, boolean outgoing, long size) {
        if (byId.containsKey(id)) {
            return;
        }
        TableItem item = new TableItem(transfers, SWT.NONE);
        Transfer transfer = new Transfer(name, outgoing, size, item);
        byId.put(id, transfer);
        followed = id;
        show(transfer, outgoing ? "Offering…" : "Waiting…");
    }

    void progress(long id, String name, long done, long size) {
        Transfer transfer = byId.get(id);
        if (transfer == null) {
            started(id, name, false, size);
            transfer = byId.get(id);
        }
        if (transfer.finished) {
            return;
        }
        transfer.done = done;
        transfer.size = size;
        show(transfer, percent(transfer) + " (" + SessionSentences.size(done) + " of "
                + SessionSentences.size(size) + ")");
    }

    void finished(long id, String name, boolean success, String message) {
        Transfer transfer = byId.get(id);
        if (transfer == null) {
            started(id, name, false, 0);
            transfer = byId.get(id);
        }
        transfer.finished = true;
        if (success) {
            transfer.done = transfer.size;
        }
        String outcome = success
                ? (transfer.outgoing ? "Sent. " : "Received. ") + message
                : "Failed: " + message;
        show(transfer, outcome);
        status.accept((transfer.outgoing ? "Sending " : "Fetching ") + transfer.name + ": " + outcome, !success);
    }

    private void show(Transfer transfer, String state) {
        transfer.item.setText(new String[]{(transfer.outgoing ? "↑ " : "↓ ") + transfer.name, state});
        transfers.showItem(transfer.item);
        Transfer shown = followed == null ? null : byId.get(followed);
        if (shown == transfer) {
            progress.setSelection(
                    transfer.size <= 0 ? (transfer.finished ? 1000 : 0) : (int) (transfer.done * 1000 / transfer.size));
            progressText.setText(transfer.name + ": " + state);
        }
    }

    private static String percent(Transfer transfer) {
        return transfer.size <= 0 ? "0 %" : transfer.done * 100 / transfer.size + " %";
    }

    /** The transfers shown, each "↑ name: status" (sent) or "↓ name: status" (received). */
    List<String> transferRows() {
        List<String> rows = new ArrayList<>();
        for (TableItem item : transfers.getItems()) {
            rows.add(item.getText(0) + ": " + item.getText(1));
        }
        return rows;
    }

    /** The entries of the remote folder shown, folders with a trailing slash. */
    List<String> remoteRows() {
        List<String> rows = new ArrayList<>();
        for (TableItem item : remoteEntries.getItems()) {
            rows.add(item.getText(0));
        }
        return rows;
    }

    /** The progress bar, 0 to 1000. */
    int progressPermille() {
        return progress.getSelection();
    }

    private void updateButtons() {
        boolean running = viewer.connected();
        up.setEnabled(running && !browsedPath.isEmpty());
        int index = remoteEntries.getSelectionIndex();
        boolean selected = index >= 0 && index < entries.size();
        fetch.setEnabled(running && selected);
        fetch.setText(selected && entries.get(index).folder() ? "Open" : "Fetch");
        fetch.getParent().layout();
    }

    private static String display(String path) {
        return path.isEmpty() ? "The remote computer's Helmdesk folder" : "Helmdesk folder/" + path;
    }

    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static void column(Table table, String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
    }

    private static Button button(Composite parent, String text, org.eclipse.swt.widgets.Listener action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, action);
        return button;
    }
}
