package io.helmdesk.agent.desktop.internal.x11;

import com.sun.jna.Library;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.Structure.FieldOrder;

/** MIT-SHM from libXext: images in a System V shared-memory segment the X server writes into directly. */
interface XShm extends Library {

    String SONAME = "libXext.so.6";

    /**
     * {@code XShmSegmentInfo}. XShmCreateImage keeps a pointer to it in the image, so it must stay in place (and
     * referenced) as long as the image.
     */
    @FieldOrder({"shmseg", "shmid", "shmaddr", "readOnly"})
    class SegmentInfo extends Structure {

        public NativeLong shmseg;
        public int shmid;
        public Pointer shmaddr;
        public int readOnly;
    }

    int XShmQueryExtension(Pointer display);

    Pointer XShmCreateImage(Pointer display, Pointer visual, int depth, int format, Pointer data,
            SegmentInfo segment, int width, int height);

    int XShmAttach(Pointer display, SegmentInfo segment);

    int XShmDetach(Pointer display, SegmentInfo segment);

    int XShmGetImage(Pointer display, NativeLong drawable, Pointer image, int x, int y, NativeLong planeMask);
}
