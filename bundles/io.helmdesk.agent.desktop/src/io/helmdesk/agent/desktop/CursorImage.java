package io.helmdesk.agent.desktop;

/**
 * The pointer's shape and where it is. Screen captures do not contain the pointer: a viewer draws this image with
 * its hot spot at ({@code x}, {@code y}).
 *
 * @param serial changes when the shape changes (X11: XFixes cursor serial; Windows: the cursor's handle), so a
 *            session sends the pixels again only then
 * @param x where the pointer's hot spot is, in screen coordinates
 * @param y where the pointer's hot spot is, in screen coordinates
 * @param hotX the hot spot inside the image
 * @param hotY the hot spot inside the image
 * @param argb {@code width * height} pixels, row-major, {@code 0xAARRGGBB} with straight (not premultiplied) alpha;
 *            this record's own array
 */
public record CursorImage(long serial, int x, int y, int hotX, int hotY, int width, int height, int[] argb) {

    public CursorImage {
        if (argb.length != width * height) {
            throw new IllegalArgumentException(argb.length + " pixels for a " + width + "x" + height + " cursor");
        }
    }
}
