package io.helmdesk.agent.desktop.internal.x11;

import java.util.Optional;

import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;

import io.helmdesk.agent.desktop.DesktopUnavailableException;

/**
 * The root window read through MIT-SHM: the server writes into a System V segment mapped here too. The segment is
 * marked for removal right after both sides attached, so it disappears with the last detach, even if the agent dies.
 */
final class SharedMemoryImage extends ScreenImage {

    private final XShm shm;
    private final LibC libc;
    /** The image points at this structure (its obdata): it stays here, referenced, as long as the image. */
    private final XShm.SegmentInfo segment;
    private final Pointer image;
    private boolean attached;
    private boolean closed;

    private SharedMemoryImage(XConnection connection, XShm shm, LibC libc, XShm.SegmentInfo segment,
            Pointer image, int width, int height) {
        super(connection, width, height);
        this.shm = shm;
        this.libc = libc;
        this.segment = segment;
        this.image = image;
    }

    /**
     * @return empty if the server cannot share memory with this process (another host, another IPC namespace), so
     *         the caller falls back to {@link TransferredImage}
     * @throws DesktopUnavailableException if the screen's pixel format is not one this bundle reads
     */
    static Optional<SharedMemoryImage> create(XConnection connection, X11Libraries libraries, int width, int height)
            throws DesktopUnavailableException {
        XShm shm = libraries.shm();
        Xlib xlib = connection.xlib();
        Pointer display = connection.display();
        if (shm.XShmQueryExtension(display) == 0) {
            return Optional.empty();
        }
        XShm.SegmentInfo segment = new XShm.SegmentInfo();
        Pointer image = shm.XShmCreateImage(display, xlib.XDefaultVisual(display, connection.screen()),
                xlib.XDefaultDepth(display, connection.screen()), Xlib.ZPIXMAP, null, segment, width, height);
        if (image == null) {
            return Optional.empty();
        }
        SharedMemoryImage created = new SharedMemoryImage(connection, shm, libraries.libc(), segment, image, width,
                height);
        try {
            if (created.attach()) {
                return Optional.of(created);
            }
            created.close();
            return Optional.empty();
        } catch (DesktopUnavailableException | RuntimeException e) {
            created.close();
            throw e;
        }
    }

    private boolean attach() throws DesktopUnavailableException {
        Xlib.XImage header = new Xlib.XImage(image);
        long size = (long) header.bytes_per_line * height;
        int id = libc.shmget(LibC.IPC_PRIVATE, new NativeLong(size),
                LibC.IPC_CREAT | LibC.OWNER_READ_WRITE);
        if (id < 0) {
            return false;
        }
        Pointer address = libc.shmat(id, null, 0);
        if (Pointer.nativeValue(address) == -1L) {
            libc.shmctl(id, LibC.IPC_RMID, null);
            return false;
        }
        segment.shmid = id;
        segment.shmaddr = address;
        segment.readOnly = 0;
        header.data = address;
        header.writeField("data");
        connection.clearError();
        shm.XShmAttach(connection.display(), segment);
        XConnection.XError error = connection.syncAndTakeError();
        // Both sides attached (or the server failed to): from now on the segment lives only as long as the mappings.
        libc.shmctl(id, LibC.IPC_RMID, null);
        if (error != null) {
            return false;
        }
        attached = true;
        describe(image, address);
        return true;
    }

    @Override
    boolean fill() {
        return shm.XShmGetImage(connection.display(), connection.root(), image, 0, 0, ALL_PLANES) != 0;
    }

    @Override
    String transport() {
        return "MIT-SHM";
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (attached) {
            shm.XShmDetach(connection.display(), segment);
            connection.xlib().XSync(connection.display(), 0);
        }
        if (segment.shmaddr != null) {
            libc.shmdt(segment.shmaddr);
        }
        // Frees the XImage structure only: shared images do not own their data.
        connection.xlib().XFree(image);
    }
}
