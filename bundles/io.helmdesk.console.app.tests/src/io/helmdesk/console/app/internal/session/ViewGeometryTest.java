package io.helmdesk.console.app.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.junit.jupiter.api.Test;

/** The canvas and the remote screen, both ways, scaled, 1:1, scrolled and for one monitor of several. */
class ViewGeometryTest {

    private static final Rectangle WHOLE = new Rectangle(0, 0, 1600, 600);
    private static final Rectangle SECOND_MONITOR = new Rectangle(800, 0, 800, 600);

    @Test
    void scaledToTheWindowKeepsProportionsAndCentres() {
        // 1600×600 in 1000×500: the width limits, 0.625; 375 rows high, 62 rows above and below.
        ViewGeometry geometry = new ViewGeometry(WHOLE, 1000, 500, true, 0, 0);
        assertEquals(0.625, geometry.scale());
        assertEquals(new Rectangle(0, 62, 1000, 375), geometry.destination());
        assertEquals(new Point(0, 0), geometry.toRemote(0, 62));
        assertEquals(new Point(800, 300), geometry.toRemote(500, 62 + 188));
        assertEquals(new Point(1598, 598), geometry.toRemote(999, 436));
        // Above the picture: not on it, and a drag there holds the remote pointer at the top edge.
        assertFalse(geometry.onPicture(500, 10));
        assertEquals(new Point(800, 0), geometry.toRemote(500, 10));
        // Scaled up too, when the window is larger than the screen.
        ViewGeometry larger = new ViewGeometry(new Rectangle(0, 0, 400, 300), 1200, 1000, true, 0, 0);
        assertEquals(3.0, larger.scale());
        assertEquals(new Rectangle(0, 50, 1200, 900), larger.destination());
        assertEquals(new Point(133, 100), larger.toRemote(400, 350));
    }

    @Test
    void oneToOneCentresWhatFitsAndScrollsWhatDoesNot() {
        // 1600 wide in 1000: scrolled by 300; 600 high in 800: centred, 100 rows above.
        ViewGeometry geometry = new ViewGeometry(WHOLE, 1000, 800, false, 300, 40);
        assertEquals(1.0, geometry.scale());
        assertEquals(new Rectangle(-300, 100, 1600, 600), geometry.destination());
        assertEquals(new Point(310, 0), geometry.toRemote(10, 100));
        assertEquals(new Point(1299, 599), geometry.toRemote(999, 699));
        // The origin cannot scroll beyond the picture.
        ViewGeometry beyond = new ViewGeometry(WHOLE, 1000, 800, false, 5000, 0);
        assertEquals(new Rectangle(-600, 100, 1600, 600), beyond.destination());
        assertEquals(new Point(1599, 300), beyond.toRemote(999, 400));
    }

    @Test
    void oneMonitorIsOffsetIntoTheVirtualScreen() {
        ViewGeometry scaled = new ViewGeometry(SECOND_MONITOR, 400, 300, true, 0, 0);
        assertEquals(0.5, scaled.scale());
        assertEquals(new Point(800, 0), scaled.toRemote(0, 0));
        assertEquals(new Point(1200, 300), scaled.toRemote(200, 150));
        assertEquals(new Point(1598, 598), scaled.toRemote(399, 299));
        ViewGeometry actual = new ViewGeometry(SECOND_MONITOR, 500, 400, false, 100, 50);
        assertEquals(new Point(900, 50), actual.toRemote(0, 0));
        assertEquals(new Point(1000, 150), actual.toRemote(100, 100));
    }

    @Test
    void remoteRectanglesMapToTheCanvasRoundedOutwards() {
        ViewGeometry scaled = new ViewGeometry(WHOLE, 1000, 500, true, 0, 0);
        // 64×64 at (64, 64): 40×40 at (40, 102), one pixel more on each side for the blending.
        assertEquals(new Rectangle(39, 101, 42, 42), scaled.toCanvas(64, 64, 64, 64));
        // Outside a shown monitor: nothing to redraw.
        ViewGeometry monitor = new ViewGeometry(SECOND_MONITOR, 800, 600, true, 0, 0);
        assertTrue(monitor.toCanvas(0, 0, 700, 600).isEmpty());
        assertEquals(new Rectangle(-1, 9, 52, 52), monitor.toCanvas(760, 10, 90, 50));
    }
}
