package io.helmdesk.console.app.internal.session;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.helmdesk.protocol.message.SessionEvent;

/**
 * What happened in the session, as the remote computer recorded it (SES-5): time, event, who, detail; the newest last.
 */
final class EventsPanel {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final Composite root;
    private final Table table;

    EventsPanel(Composite parent) {
        root = new Composite(parent, SWT.NONE);
        GridLayoutFactory.swtDefaults().margins(8, 8).applyTo(root);
        table = new Table(root, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        column("Time", 66);
        column("Event", 116);
        column("By", 76);
        column("Detail", 140);
    }

    Control control() {
        return root;
    }

    void add(SessionEvent event) {
        TableItem item = new TableItem(table, SWT.NONE);
        item.setText(new String[]{
                TIME.format(Instant.ofEpochMilli(event.atMillis()).atZone(ZoneId.systemDefault())),
                SessionSentences.kind(event.kind()), event.actor(), event.detail()});
        table.showItem(item);
    }

    /** The rows shown, each "time | event | by | detail". */
    List<String> rows() {
        List<String> rows = new ArrayList<>();
        for (TableItem item : table.getItems()) {
            rows.add(item.getText(0) + " | " + item.getText(1) + " | " + item.getText(2) + " | " + item.getText(3));
        }
        return rows;
    }

    private void column(String title, int width) {
        TableColumn column = new TableColumn(table, SWT.LEFT);
        column.setText(title);
        column.setWidth(width);
    }
}
