package io.helmdesk.console.app.internal.session;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.ScrollBar;

import io.helmdesk.protocol.message.CursorPosition;
import io.helmdesk.screen.Region;

/**
 * One window's view of the remote screen (SES-1): a canvas that draws the shown part of the shared
 * {@link RemotePicture} scaled to the window or 1:1 with scroll bars, with the remote pointer over it, and sends the
 * operator's mouse (moves, buttons, drags, wheel) and keys to the remote computer in its coordinates and keysyms.
 */
final class ScreenView {

    /** SWT's wheel counts lines, three per notch on GTK and by default on Windows: a notch is one remote step. */
    private static final int LINES_PER_STEP = 3;
    private static final Color AROUND = new Color(38, 42, 50);
    private static final Color NOTE = new Color(200, 205, 214);

    private final Canvas canvas;
    private final RemotePicture picture;
    private final RemoteInput input;
    private final KeyboardInput keyboard;
    /** The shown part of the remote screen; empty before the first layout. */
    private Rectangle source = new Rectangle(0, 0, 0, 0);
    private boolean fit = true;
    private int buttons;
    private int wheelLinesX;
    private int wheelLinesY;
    private Point lastRemote;
    private Rectangle cursorDrawn;
    private String note = "";

    ScreenView(Composite parent, RemotePicture picture, RemoteInput input) {
        this.picture = picture;
        this.input = input;
        this.keyboard = new KeyboardInput(input);
        canvas = new Canvas(parent, SWT.NO_BACKGROUND | SWT.DOUBLE_BUFFERED | SWT.H_SCROLL | SWT.V_SCROLL);
        canvas.getHorizontalBar().setVisible(false);
        canvas.getVerticalBar().setVisible(false);
        canvas.addListener(SWT.Paint, this::paint);
        canvas.addListener(SWT.Resize, e -> layoutChanged());
        canvas.getHorizontalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.getVerticalBar().addListener(SWT.Selection, e -> canvas.redraw());
        canvas.addListener(SWT.MouseMove, this::mouseMoved);
        canvas.addListener(SWT.MouseDown, this::mouseDown);
        canvas.addListener(SWT.MouseUp, this::mouseUp);
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.MouseHorizontalWheel, this::wheel);
        canvas.addListener(SWT.KeyDown, e -> {
            keyboard.pressed(e);
            e.doit = false;
        });
        canvas.addListener(SWT.KeyUp, e -> {
            keyboard.released(e);
            e.doit = false;
        });
        // Tab, Escape, Return, arrows and Alt+letter belong to the remote computer, not to this window's traversal.
        canvas.addListener(SWT.Traverse, e -> e.doit = false);
        canvas.addListener(SWT.FocusOut, e -> releaseAll());
    }

    Canvas control() {
        return canvas;
    }

    /** Shows this rectangle of the remote screen: the whole virtual screen or one monitor. */
    void show(Rectangle shown) {
        if (!shown.equals(source)) {
            source = new Rectangle(shown.x, shown.y, shown.width, shown.height);
            layoutChanged();
        }
    }

    Rectangle shown() {
        return new Rectangle(source.x, source.y, source.width, source.height);
    }

    /** Scaled to the window (true) or 1:1 with scroll bars. */
    void fit(boolean scaled) {
        if (scaled != fit) {
            fit = scaled;
            layoutChanged();
        }
    }

    boolean fits() {
        return fit;
    }

    /** A sentence drawn over an empty picture, e.g. while waiting for the remote user. */
    void note(String sentence) {
        if (sentence.equals(note)) {
            return; // each frame says "" again: a full redraw here would undo the frame's partial one
        }
        note = sentence;
        canvas.redraw();
    }

    /** Where the view stands now: for mapping the operator's pointer and for redraws. */
    ViewGeometry geometry() {
        Rectangle client = canvas.getClientArea();
        return new ViewGeometry(source, client.width, client.height, fit,
                canvas.getHorizontalBar().getVisible() ? canvas.getHorizontalBar().getSelection() : 0,
                canvas.getVerticalBar().getVisible() ? canvas.getVerticalBar().getSelection() : 0);
    }

    /** Pixels of the remote screen changed: redraws what of them this view shows. */
    void damaged(Region region) {
        Rectangle area = geometry().toCanvas(region.x(), region.y(), region.width(), region.height());
        if (!area.isEmpty()) {
            canvas.redraw(area.x, area.y, area.width, area.height, false);
        }
    }

    /** The remote pointer moved or changed: redraws where it was and where it is. */
    void cursorChanged() {
        if (cursorDrawn != null) {
            canvas.redraw(cursorDrawn.x, cursorDrawn.y, cursorDrawn.width, cursorDrawn.height, false);
        }
        Rectangle now = cursorOnCanvas(geometry());
        if (now != null) {
            canvas.redraw(now.x, now.y, now.width, now.height, false);
        }
    }

    /** Lets go of every key and mouse button held on the remote computer (the window lost the keyboard). */
    void releaseAll() {
        keyboard.releaseAll();
        if (buttons != 0 && lastRemote != null) {
            buttons = 0;
            input.pointer(lastRemote.x, lastRemote.y, 0, 0, 0);
        }
        buttons = 0;
    }

    /** Presses and releases keys in order, e.g. Alt+Tab from the window's menu. */
    void type(int... keysyms) {
        keyboard.type(keysyms);
    }

    int heldKeys() {
        return keyboard.heldCount();
    }

    // Drawing

    private void layoutChanged() {
        if (canvas.isDisposed()) {
            return;
        }
        ScrollBar horizontal = canvas.getHorizontalBar();
        ScrollBar vertical = canvas.getVerticalBar();
        if (fit || source.isEmpty()) {
            horizontal.setVisible(false);
            vertical.setVisible(false);
        } else {
            // Twice: a bar that appears takes room from the other direction.
            for (int pass = 0; pass < 2; pass++) {
                Rectangle client = canvas.getClientArea();
                horizontal.setVisible(source.width > client.width);
                vertical.setVisible(source.height > client.height);
            }
            Rectangle client = canvas.getClientArea();
            horizontal.setValues(horizontal.getSelection(), 0, source.width, Math.max(1, client.width), 32,
                    Math.max(1, client.width));
            vertical.setValues(vertical.getSelection(), 0, source.height, Math.max(1, client.height), 32,
                    Math.max(1, client.height));
        }
        canvas.redraw();
    }

    private void paint(Event event) {
        GC gc = event.gc;
        gc.setBackground(AROUND);
        gc.fillRectangle(event.x, event.y, event.width, event.height);
        Image screen = picture.screen();
        if (screen == null || source.isEmpty()) {
            paintNote(gc);
            return;
        }
        ViewGeometry geometry = geometry();
        Rectangle destination = geometry.destination();
        gc.setInterpolation(fit && geometry.scale() != 1 ? SWT.HIGH : SWT.NONE);
        Rectangle image = screen.getBounds();
        Rectangle drawn = source.intersection(image);
        if (!drawn.isEmpty()) {
            gc.drawImage(screen, drawn.x, drawn.y, drawn.width, drawn.height, destination.x, destination.y,
                    destination.width, destination.height);
        }
        Rectangle cursor = cursorOnCanvas(geometry);
        if (cursor != null) {
            gc.drawImage(picture.cursor(), cursor.x, cursor.y);
        }
        cursorDrawn = cursor;
        if (!note.isEmpty()) {
            paintNote(gc);
        }
    }

    /** The pointer's picture at its own size, its hot spot on the remote pointer's place in the canvas. */
    private Rectangle cursorOnCanvas(ViewGeometry geometry) {
        Rectangle bounds = picture.cursorBounds();
        CursorPosition position = picture.cursorPosition();
        if (bounds == null || !source.contains(position.x(), position.y())) {
            return null;
        }
        Rectangle destination = geometry.destination();
        double scale = geometry.scale();
        int x = destination.x + (int) Math.floor((position.x() - source.x) * scale);
        int y = destination.y + (int) Math.floor((position.y() - source.y) * scale);
        return new Rectangle(x - picture.cursorShape().hotX(), y - picture.cursorShape().hotY(), bounds.width,
                bounds.height);
    }

    private void paintNote(GC gc) {
        if (note.isEmpty()) {
            return;
        }
        Rectangle client = canvas.getClientArea();
        Point size = gc.textExtent(note);
        int x = Math.max(8, (client.width - size.x) / 2);
        int y = Math.max(8, (client.height - size.y) / 2);
        gc.setAlpha(200);
        gc.setBackground(AROUND);
        gc.fillRoundRectangle(x - 16, y - 10, size.x + 32, size.y + 20, 12, 12);
        gc.setAlpha(255);
        gc.setForeground(NOTE);
        gc.drawText(note, x, y, true);
    }

    // The operator's mouse

    private void mouseMoved(Event event) {
        ViewGeometry geometry = geometry();
        // Outside the picture the pointer is the operator's own, unless a drag holds it.
        if (source.isEmpty() || (buttons == 0 && !geometry.onPicture(event.x, event.y))) {
            return;
        }
        lastRemote = geometry.toRemote(event.x, event.y);
        input.pointer(lastRemote.x, lastRemote.y, buttons, 0, 0);
    }

    private void mouseDown(Event event) {
        canvas.setFocus();
        ViewGeometry geometry = geometry();
        if (source.isEmpty() || !geometry.onPicture(event.x, event.y)) {
            return;
        }
        buttons |= buttonBit(event.button);
        lastRemote = geometry.toRemote(event.x, event.y);
        input.pointer(lastRemote.x, lastRemote.y, buttons, 0, 0);
    }

    private void mouseUp(Event event) {
        int bit = buttonBit(event.button);
        if ((buttons & bit) == 0 || source.isEmpty()) {
            return;
        }
        buttons &= ~bit;
        lastRemote = geometry().toRemote(event.x, event.y);
        input.pointer(lastRemote.x, lastRemote.y, buttons, 0, 0);
    }

    private void wheel(Event event) {
        // The wheel turns the remote computer's wheel; at 1:1 the scroll bars move only when dragged.
        event.doit = false;
        ViewGeometry geometry = geometry();
        if (source.isEmpty() || !geometry.onPicture(event.x, event.y)) {
            return;
        }
        int stepsX = 0;
        int stepsY = 0;
        // SWT counts up and left as positive; the protocol counts them as negative.
        if (event.type == SWT.MouseHorizontalWheel) {
            wheelLinesX -= event.count;
            stepsX = wheelLinesX / LINES_PER_STEP;
            wheelLinesX -= stepsX * LINES_PER_STEP;
        } else {
            wheelLinesY -= event.count;
            stepsY = wheelLinesY / LINES_PER_STEP;
            wheelLinesY -= stepsY * LINES_PER_STEP;
        }
        if (stepsX == 0 && stepsY == 0) {
            return;
        }
        lastRemote = geometry.toRemote(event.x, event.y);
        input.pointer(lastRemote.x, lastRemote.y, buttons, stepsX, stepsY);
    }

    /** SWT's button numbers 1 to 5 (left, middle, right, back, forward) as the protocol's bits. */
    static int buttonBit(int button) {
        return button >= 1 && button <= 5 ? 1 << (button - 1) : 0;
    }
}
