package io.helmdesk.console.app.internal;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Saves what a window shows as PNG in target/screenshots, for a person to look at. */
public final class Screenshots {

    private Screenshots() {
    }

    public static void save(Shell shell, String name) throws Exception {
        String folder = System.getProperty("helmdesk.screenshots");
        if (folder == null) {
            return;
        }
        Display display = shell.getDisplay();
        // GTK paints asynchronously: redraw now and let the paint events run before drawing into the image.
        shell.redraw(0, 0, shell.getSize().x, shell.getSize().y, true);
        shell.update();
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            if (!display.readAndDispatch()) {
                Thread.sleep(20);
            }
        }
        Rectangle bounds = shell.getBounds();
        Image image = new Image(display, bounds.width, bounds.height);
        GC gc = new GC(image);
        try {
            // Drawn by the widgets themselves: independent of what the X server has repainted so far.
            if (!shell.print(gc)) {
                throw new AssertionError("the shell could not be drawn into an image");
            }
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[]{image.getImageData()};
            Files.createDirectories(Path.of(folder));
            loader.save(Path.of(folder, name).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
            // On GTK, drawing into an image leaves the windows on the screen unpainted until they draw again.
            shell.redraw(0, 0, shell.getSize().x, shell.getSize().y, true);
        }
    }

    /**
     * Saves the whole display as the X server shows it (ImageMagick's {@code import -window root}): every window as
     * drawn on screen, which {@link #save} cannot show for windows it did not draw itself.
     */
    public static void saveScreen(Display display, String name) throws Exception {
        String folder = System.getProperty("helmdesk.screenshots");
        if (folder == null) {
            return;
        }
        long until = System.nanoTime() + 300_000_000L;
        while (System.nanoTime() < until) {
            if (!display.readAndDispatch()) {
                Thread.sleep(20);
            }
        }
        Files.createDirectories(Path.of(folder));
        Process process = new ProcessBuilder("import", "-window", "root", Path.of(folder, name).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError("import -window root failed: " + output);
        }
    }
}
