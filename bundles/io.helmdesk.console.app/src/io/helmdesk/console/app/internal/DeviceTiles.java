package io.helmdesk.console.app.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;

import io.helmdesk.console.app.internal.DeviceArrangement.Section;
import io.helmdesk.rest.api.DeviceDTOs.DeviceDTO;

/**
 * The tile view of the computers (DEV-3, DEV-5): a scrolled grid of tiles about 220 px wide, each with the screenshot
 * preview (or a placeholder naming the OS), the status, the name in bold, the address with its place and a Connect
 * button. Live updates change the tiles in place; only a new order or set of computers rebuilds them, keeping the
 * scroll position.
 */
final class DeviceTiles {

    private static final int PADDING = 8;
    private static final int CAPTION_HEIGHT = 44;
    private static final Color AREA = new Color(238, 241, 245);
    private static final Color TILE = new Color(255, 255, 255);
    private static final Color BORDER = new Color(205, 211, 219);
    private static final Color SELECTED = new Color(37, 99, 235);
    private static final Color MUTED = new Color(100, 108, 120);
    private static final Color PLACEHOLDER = new Color(226, 232, 240);
    private static final Color BADGE = new Color(20, 24, 32);

    private final DeviceIcons icons;
    private final DevicePreviews previews;
    private final Consumer<DeviceDTO> selected;
    private final Consumer<DeviceDTO> opened;
    private final Consumer<DeviceDTO> connect;
    private final ScrolledComposite scroller;
    private final Composite content;
    private final Map<String, Tile> tiles = new LinkedHashMap<>();
    private List<String> shape = List.of();
    private String selectedId;

    DeviceTiles(Composite parent, DeviceIcons icons, DevicePreviews previews, Consumer<DeviceDTO> selected,
            Consumer<DeviceDTO> opened, Consumer<DeviceDTO> connect) {
        this.icons = icons;
        this.previews = previews;
        this.selected = selected;
        this.opened = opened;
        this.connect = connect;
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.BORDER);
        scroller.setExpandHorizontal(true);
        scroller.setExpandVertical(true);
        scroller.getVerticalBar().setIncrement(24);
        content = new Composite(scroller, SWT.NONE);
        content.setBackground(AREA);
        content.setBackgroundMode(SWT.INHERIT_DEFAULT);
        GridLayoutFactory.swtDefaults().margins(12, 12).spacing(0, 10).applyTo(content);
        scroller.setContent(content);
        scroller.setBackground(AREA);
        scroller.addListener(SWT.Resize, e -> fitContent());
    }

    Control control() {
        return scroller;
    }

    /** Shows these sections: in place when the same computers are in the same order, else rebuilt. */
    void show(List<Section> sections) {
        List<String> newShape = new ArrayList<>();
        for (Section section : sections) {
            newShape.add("section:" + section.title() + ":" + section.devices().size());
            section.devices().forEach(d -> newShape.add(d.id()));
        }
        if (newShape.equals(shape)) {
            for (Section section : sections) {
                section.devices().forEach(d -> tiles.get(d.id()).show(d));
            }
            return;
        }
        Point origin = scroller.getOrigin();
        content.setRedraw(false);
        try {
            for (Control child : content.getChildren()) {
                child.dispose();
            }
            tiles.clear();
            for (Section section : sections) {
                if (section.title() != null) {
                    Label heading = new Label(content, SWT.NONE);
                    heading.setText(section.title() + "  ·  " + section.devices().size());
                    heading.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
                    GridDataFactory.fillDefaults().grab(true, false).indent(2, tiles.isEmpty() ? 0 : 8)
                            .applyTo(heading);
                }
                Composite row = new Composite(content, SWT.NONE);
                RowLayout wrapping = new RowLayout(SWT.HORIZONTAL);
                wrapping.wrap = true;
                wrapping.spacing = 12;
                wrapping.marginLeft = wrapping.marginTop = wrapping.marginRight = wrapping.marginBottom = 0;
                row.setLayout(wrapping);
                GridDataFactory.fillDefaults().grab(true, false).applyTo(row);
                for (DeviceDTO device : section.devices()) {
                    tiles.put(device.id(), new Tile(row, device));
                }
            }
            shape = List.copyOf(newShape);
            fitContent();
            scroller.setOrigin(origin);
        } finally {
            content.setRedraw(true);
        }
    }

    /** Marks this computer's tile as selected (null: none). */
    void select(String deviceId) {
        String previous = selectedId;
        selectedId = deviceId;
        for (String id : new String[]{previous, deviceId}) {
            if (id != null && tiles.containsKey(id)) {
                tiles.get(id).root.redraw();
            }
        }
    }

    /** Scrolls so that this computer's tile is in view. */
    void reveal(String deviceId) {
        if (deviceId != null && tiles.containsKey(deviceId)) {
            scroller.showControl(tiles.get(deviceId).root);
        }
    }

    /** A preview arrived or went: the tile draws it. */
    void previewChanged(String deviceId) {
        Tile tile = tiles.get(deviceId);
        if (tile != null) {
            tile.picture.redraw();
        }
    }

    int tileCount() {
        return tiles.size();
    }

    int previewCount() {
        return (int) tiles.keySet().stream().filter(id -> previews.get(id) != null).count();
    }

    private void fitContent() {
        int width = scroller.getClientArea().width;
        scroller.setMinSize(content.computeSize(width > 0 ? width : SWT.DEFAULT, SWT.DEFAULT));
        content.layout(true, true);
    }

    /** One computer's tile. */
    private final class Tile {

        private final Composite root;
        private final Canvas picture;
        private final Button connectButton;
        private DeviceDTO device;

        Tile(Composite parent, DeviceDTO device) {
            this.device = device;
            root = new Composite(parent, SWT.NONE);
            root.setBackground(TILE);
            root.setBackgroundMode(SWT.INHERIT_FORCE);
            GridLayoutFactory.fillDefaults().margins(PADDING, PADDING).spacing(0, 6).applyTo(root);
            root.addListener(SWT.Paint, this::paintBorder);

            picture = new Canvas(root, SWT.DOUBLE_BUFFERED);
            GridDataFactory.swtDefaults().hint(DevicePreviews.WIDTH, DevicePreviews.HEIGHT + CAPTION_HEIGHT)
                    .applyTo(picture);
            picture.addListener(SWT.Paint, this::paint);

            Composite actions = new Composite(root, SWT.NONE);
            GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).spacing(6, 0).applyTo(actions);
            GridDataFactory.fillDefaults().grab(true, false).applyTo(actions);
            connectButton = new Button(actions, SWT.PUSH);
            connectButton.setText("Connect");
            GridDataFactory.fillDefaults().grab(true, false).applyTo(connectButton);
            connectButton.addListener(SWT.Selection, e -> {
                select(this.device.id());
                selected.accept(this.device);
                connect.accept(this.device);
            });
            showConnectable();
            Button card = new Button(actions, SWT.PUSH);
            card.setText("Open card");
            GridDataFactory.fillDefaults().grab(true, false).applyTo(card);
            card.addListener(SWT.Selection, e -> {
                select(this.device.id());
                selected.accept(this.device);
                opened.accept(this.device);
            });

            for (Control control : new Control[]{root, picture}) {
                control.addListener(SWT.MouseDown, e -> {
                    select(this.device.id());
                    selected.accept(this.device);
                });
                control.addListener(SWT.MouseDoubleClick, e -> opened.accept(this.device));
            }
            picture.setToolTipText(DeviceText.osWithVersion(device));
        }

        void show(DeviceDTO changed) {
            // An offline tile says since when: its text changes with the time alone.
            if (!changed.equals(device) || !DeviceText.connected(changed.status())) {
                device = changed;
                picture.setToolTipText(DeviceText.osWithVersion(device));
                picture.redraw();
                showConnectable();
            }
        }

        private void showConnectable() {
            connectButton.setEnabled(DeviceText.reachable(device.status()));
            connectButton.setToolTipText(DeviceText.reachable(device.status())
                    ? DeviceText.connectHint(device, "this computer")
                    : DeviceText.name(device) + " is " + DeviceText.status(device.status()).toLowerCase(Locale.ROOT)
                            + ": a session needs its agent online");
        }

        private void paintBorder(Event event) {
            Rectangle area = root.getClientArea();
            GC gc = event.gc;
            gc.setAntialias(SWT.ON);
            boolean isSelected = device.id().equals(selectedId);
            gc.setForeground(isSelected ? SELECTED : BORDER);
            gc.setLineWidth(isSelected ? 3 : 1);
            gc.drawRoundRectangle(1, 1, area.width - 3, area.height - 3, 10, 10);
        }

        private void paint(Event event) {
            GC gc = event.gc;
            gc.setAntialias(SWT.ON);
            gc.setTextAntialias(SWT.ON);
            int width = DevicePreviews.WIDTH;
            int height = DevicePreviews.HEIGHT;
            boolean connected = DeviceText.connected(device.status());
            Image preview = previews.get(device.id());
            if (preview != null) {
                gc.drawImage(preview, 0, 0);
            } else {
                paintPlaceholder(gc, width, height);
            }
            if (!connected) {
                // Dimmed: what it showed when it was last connected.
                gc.setAlpha(preview != null ? 140 : 90);
                gc.setBackground(TILE);
                gc.fillRectangle(0, 0, width, height);
                gc.setAlpha(255);
            }
            paintBadge(gc, height);

            Font bold = JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT);
            int top = height + 6;
            gc.drawImage(icons.os(DeviceText.osFamily(device.osName())), 0, top + 1);
            int nameWidth = width - 20 - (device.favourite() ? 20 : 0);
            gc.setFont(bold);
            gc.setForeground(root.getDisplay().getSystemColor(SWT.COLOR_LIST_FOREGROUND));
            gc.drawText(fit(gc, DeviceText.name(device), nameWidth), 20, top, true);
            if (device.favourite()) {
                gc.drawImage(icons.star(), width - 16, top + 1);
            }
            gc.setFont(JFaceResources.getDefaultFont());
            gc.setForeground(MUTED);
            gc.drawText(fit(gc, DeviceText.address(device), width), 0, top + 20, true);
        }

        private void paintPlaceholder(GC gc, int width, int height) {
            gc.setBackground(PLACEHOLDER);
            gc.fillRectangle(0, 0, width, height);
            String family = DeviceText.osFamily(device.osName());
            String note = !device.previewsEnabled()
                    ? "Previews are off"
                    : DeviceText.connected(device.status()) ? "No preview yet" : "No preview";
            gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
            Point familySize = gc.textExtent(family);
            gc.setFont(JFaceResources.getDefaultFont());
            Point noteSize = gc.textExtent(note);
            int icon = 2 * DeviceIcons.SIZE;
            // Above the status badge: centred in the part of the picture it leaves free.
            int top = Math.max(4, (height - 34 - icon - 4 - familySize.y - noteSize.y) / 2);
            gc.drawImage(icons.os(family, icon), (width - icon) / 2, top);
            gc.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
            gc.setForeground(new Color(70, 80, 95));
            gc.drawText(fit(gc, family, width - 8), Math.max(4, (width - familySize.x) / 2), top + icon + 4, true);
            gc.setFont(JFaceResources.getDefaultFont());
            gc.setForeground(MUTED);
            gc.drawText(note, (width - noteSize.x) / 2, top + icon + 4 + familySize.y, true);
        }

        /** The status and, when not connected, since when: on the preview's lower left corner. */
        private void paintBadge(GC gc, int height) {
            String text = DeviceText.connected(device.status())
                    ? DeviceText.status(device.status())
                    : DeviceText.status(device.status()) + " · "
                            + DeviceText.lastConnection(device, Instant.now(), ZoneId.systemDefault());
            gc.setFont(JFaceResources.getDefaultFont());
            Point size = gc.textExtent(text);
            int badgeWidth = size.x + 24;
            int badgeHeight = size.y + 6;
            int top = height - badgeHeight - 6;
            gc.setAlpha(200);
            gc.setBackground(BADGE);
            gc.fillRoundRectangle(6, top, badgeWidth, badgeHeight, 8, 8);
            gc.setAlpha(255);
            gc.setBackground(new Color(DeviceIcons.statusColour(device.status())));
            gc.fillOval(12, top + (badgeHeight - 8) / 2, 8, 8);
            gc.setForeground(TILE);
            gc.drawText(text, 24, top + 3, true);
        }
    }

    /** The text, cut with an ellipsis to fit the width. */
    static String fit(GC gc, String text, int width) {
        if (gc.textExtent(text).x <= width) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && gc.textExtent(cut + "…").x > width) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "…";
    }
}
