package io.helmdesk.screen.internal;

import java.nio.ByteOrder;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.NativeLongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * JPEG through libjpeg-turbo's TurboJPEG API (Debian {@code libturbojpeg0}), four to ten times faster than ImageIO.
 * Handles are made per call: that costs microseconds and leaves nothing to free when the codec is dropped.
 */
final class TurboJpegCodec implements JpegCodec {

    /** The part of turbojpeg.h (2.0 and later) that is used here. */
    interface TurboJpeg extends com.sun.jna.Library {

        Pointer tjInitCompress();

        Pointer tjInitDecompress();

        int tjDestroy(Pointer handle);

        NativeLong tjBufSize(int width, int height, int subsampling);

        int tjCompress2(Pointer handle, Pointer source, int width, int pitch, int height, int pixelFormat,
                PointerByReference jpeg, NativeLongByReference jpegSize, int subsampling, int quality, int flags);

        int tjDecompress2(Pointer handle, byte[] jpeg, NativeLong jpegSize, Pointer destination, int width, int pitch,
                int height, int pixelFormat, int flags);

        String tjGetErrorStr2(Pointer handle);
    }

    private static final int TJSAMP_420 = 2;

    /** An int 0x00RRGGBB in memory: B G R X on little-endian machines, X R G B on big-endian ones. */
    private static final int PIXEL_FORMAT = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 : 5;

    private static final int TJFLAG_NOREALLOC = 1024;

    private static final int TJFLAG_FASTDCT = 2048;

    private final TurboJpeg library;

    private Memory pixelMemory;

    private Memory jpegMemory;

    private TurboJpegCodec(TurboJpeg library) {
        this.library = library;
    }

    /** The codec when libturbojpeg loads; empty when it (or JNA) is missing. */
    static Optional<JpegCodec> load() {
        return Optional.ofNullable(Binding.LIBRARY).map(TurboJpegCodec::new);
    }

    @Override
    public String name() {
        return "libturbojpeg";
    }

    @Override
    public byte[] compress(int[] pixels, int offset, int stride, int width, int height, int quality) {
        Memory source = pixelMemory(width * height);
        for (int row = 0; row < height; row++) {
            source.write((long) row * width * 4, pixels, offset + row * stride, width);
        }
        long capacity = library.tjBufSize(width, height, TJSAMP_420).longValue();
        if (jpegMemory == null || jpegMemory.size() < capacity) {
            jpegMemory = new Memory(capacity);
        }
        PointerByReference jpeg = new PointerByReference(jpegMemory);
        NativeLongByReference jpegSize = new NativeLongByReference(new NativeLong(jpegMemory.size()));
        Pointer handle = library.tjInitCompress();
        if (handle == null) {
            throw new IllegalStateException("tjInitCompress failed");
        }
        try {
            if (library.tjCompress2(handle, source, width, width * 4, height, PIXEL_FORMAT, jpeg, jpegSize, TJSAMP_420,
                    quality, TJFLAG_NOREALLOC | TJFLAG_FASTDCT) != 0) {
                throw new IllegalStateException("tjCompress2 failed: " + library.tjGetErrorStr2(handle));
            }
            return jpegMemory.getByteArray(0, (int) jpegSize.getValue().longValue());
        } finally {
            library.tjDestroy(handle);
        }
    }

    @Override
    public void decompress(byte[] jpeg, int width, int height, int[] out) throws BadTileException {
        Memory destination = pixelMemory(width * height);
        Pointer handle = library.tjInitDecompress();
        if (handle == null) {
            throw new IllegalStateException("tjInitDecompress failed");
        }
        try {
            // Warnings (truncated or corrupt data) also return -1: a damaged picture is refused, not drawn
            if (library.tjDecompress2(handle, jpeg, new NativeLong(jpeg.length), destination, width, width * 4,
                    height, PIXEL_FORMAT, TJFLAG_FASTDCT) != 0) {
                throw new BadTileException("corrupt JPEG: " + library.tjGetErrorStr2(handle));
            }
        } finally {
            library.tjDestroy(handle);
        }
        destination.read(0, out, 0, width * height);
        for (int i = 0; i < width * height; i++) {
            out[i] &= 0xFFFFFF;
        }
    }

    private Memory pixelMemory(int pixels) {
        if (pixelMemory == null || pixelMemory.size() < pixels * 4L) {
            pixelMemory = new Memory(pixels * 4L);
        }
        return pixelMemory;
    }

    /** Loaded once per process: the library is global anyway, and a failed search is slow. */
    private static final class Binding {

        static final TurboJpeg LIBRARY = loadLibrary();

        private static TurboJpeg loadLibrary() {
            // Debian's runtime package has only the versioned name; the -dev package adds libturbojpeg.so
            for (String name : List.of("turbojpeg", "libturbojpeg.so.0")) {
                try {
                    return Native.load(name, TurboJpeg.class);
                } catch (UnsatisfiedLinkError e) {
                    // try the next name
                }
            }
            return null;
        }
    }
}
