package io.helmdesk.agent.desktop.internal.windows;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.GDI32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinDef.HBITMAP;
import com.sun.jna.platform.win32.WinDef.HDC;
import com.sun.jna.platform.win32.WinGDI;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.ptr.PointerByReference;

import io.helmdesk.agent.desktop.CursorImage;
import io.helmdesk.agent.desktop.DesktopLostException;
import io.helmdesk.agent.desktop.DesktopUnavailableException;
import io.helmdesk.agent.desktop.Monitor;
import io.helmdesk.agent.desktop.Region;
import io.helmdesk.agent.desktop.ScreenFrame;
import io.helmdesk.agent.desktop.ScreenSource;

/**
 * Captures the virtual screen (every monitor) with GDI: BitBlt from the screen's DC into a top-down 32-bit DIB section,
 * whose bits the frame views directly — no GetDIBits copy. GDI cannot tell what changed, so every frame is all damaged.
 * The JDK's launcher declares the process DPI-aware, so sizes are physical pixels. The secure desktop (UAC prompts,
 * the lock screen) cannot be read from the user's session: capture then fails with {@link DesktopLostException}.
 */
final class WindowsScreenSource implements ScreenSource {

    private final User32 user32 = User32.INSTANCE;
    private final GDI32 gdi32 = GDI32.INSTANCE;
    private final HDC screenDc;
    private final HDC memoryDc;
    private HBITMAP bitmap;
    private WinNT.HANDLE replacedObject;
    private IntBuffer pixels;
    private int left;
    private int top;
    private int width;
    private int height;
    private boolean resizedSinceCapture = true;
    private boolean closed;

    WindowsScreenSource() throws DesktopUnavailableException {
        screenDc = user32.GetDC(null);
        if (screenDc == null) {
            throw new DesktopUnavailableException("GetDC failed: error " + Kernel32.INSTANCE.GetLastError());
        }
        memoryDc = gdi32.CreateCompatibleDC(screenDc);
        if (memoryDc == null) {
            user32.ReleaseDC(null, screenDc);
            throw new DesktopUnavailableException("CreateCompatibleDC failed: error "
                    + Kernel32.INSTANCE.GetLastError());
        }
        allocate();
    }

    private void allocate() {
        releaseBitmap();
        left = user32.GetSystemMetrics(WindowsNatives.SM_XVIRTUALSCREEN);
        top = user32.GetSystemMetrics(WindowsNatives.SM_YVIRTUALSCREEN);
        width = user32.GetSystemMetrics(WindowsNatives.SM_CXVIRTUALSCREEN);
        height = user32.GetSystemMetrics(WindowsNatives.SM_CYVIRTUALSCREEN);
        WinGDI.BITMAPINFO info = new WinGDI.BITMAPINFO();
        info.bmiHeader.biWidth = width;
        info.bmiHeader.biHeight = -height; // top-down: row 0 first, as frames are
        info.bmiHeader.biPlanes = 1;
        info.bmiHeader.biBitCount = 32;
        info.bmiHeader.biCompression = WinGDI.BI_RGB;
        PointerByReference bits = new PointerByReference();
        bitmap = gdi32.CreateDIBSection(memoryDc, info, WinGDI.DIB_RGB_COLORS, bits, null, 0);
        if (bitmap == null) {
            throw new DesktopLostException("CreateDIBSection failed for a " + width + "x" + height + " screen: error "
                    + Kernel32.INSTANCE.GetLastError());
        }
        replacedObject = gdi32.SelectObject(memoryDc, bitmap);
        // BGRA bytes: one little-endian int per pixel is 0xAARRGGBB.
        pixels = bits.getValue().getByteBuffer(0, (long) width * height * 4).order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer();
        resizedSinceCapture = true;
    }

    private void releaseBitmap() {
        if (bitmap != null) {
            gdi32.SelectObject(memoryDc, replacedObject);
            gdi32.DeleteObject(bitmap);
            bitmap = null;
        }
    }

    @Override
    public synchronized List<Monitor> monitors() {
        checkOpen();
        List<Monitor> monitors = new ArrayList<>();
        user32.EnumDisplayMonitors(null, null, (monitor, dc, rectangle, data) -> {
            WinUser.MONITORINFOEX info = new WinUser.MONITORINFOEX();
            if (user32.GetMonitorInfo(monitor, info).booleanValue()) {
                WinDef.RECT bounds = info.rcMonitor;
                monitors.add(new Monitor(monitors.size(), bounds.left - left, bounds.top - top,
                        bounds.right - bounds.left, bounds.bottom - bounds.top,
                        (info.dwFlags & WinUser.MONITORINFOF_PRIMARY) != 0, Native.toString(info.szDevice)));
            }
            return 1;
        }, new WinDef.LPARAM(0));
        return monitors;
    }

    @Override
    public synchronized int width() {
        return width;
    }

    @Override
    public synchronized int height() {
        return height;
    }

    @Override
    public synchronized ScreenFrame capture() {
        checkOpen();
        if (left != user32.GetSystemMetrics(WindowsNatives.SM_XVIRTUALSCREEN)
                || top != user32.GetSystemMetrics(WindowsNatives.SM_YVIRTUALSCREEN)
                || width != user32.GetSystemMetrics(WindowsNatives.SM_CXVIRTUALSCREEN)
                || height != user32.GetSystemMetrics(WindowsNatives.SM_CYVIRTUALSCREEN)) {
            allocate();
        }
        if (!gdi32.BitBlt(memoryDc, 0, 0, width, height, screenDc, left, top,
                GDI32.SRCCOPY | WindowsNatives.CAPTUREBLT)) {
            throw new DesktopLostException("cannot read the screen (BitBlt error " + Kernel32.INSTANCE.GetLastError()
                    + "): the secure desktop may be showing");
        }
        WindowsNatives.Gdi32Extra.INSTANCE.GdiFlush();
        boolean resized = resizedSinceCapture;
        resizedSinceCapture = false;
        return new ScreenFrame(width, height, width, pixels.asReadOnlyBuffer(),
                List.of(new Region(0, 0, width, height)), resized);
    }

    @Override
    public synchronized Optional<CursorImage> cursor() {
        checkOpen();
        WindowsNatives.CURSORINFO cursor = new WindowsNatives.CURSORINFO();
        if (!WindowsNatives.User32Extra.INSTANCE.GetCursorInfo(cursor)) {
            return Optional.empty();
        }
        int x = cursor.ptScreenPos.x - left;
        int y = cursor.ptScreenPos.y - top;
        if ((cursor.flags & WindowsNatives.CURSOR_SHOWING) == 0 || cursor.hCursor == null) {
            return Optional.of(new CursorImage(0, x, y, 0, 0, 0, 0, new int[0]));
        }
        WinGDI.ICONINFO icon = new WinGDI.ICONINFO();
        if (!user32.GetIconInfo(new WinDef.HICON(cursor.hCursor.getPointer()), icon)) {
            return Optional.empty();
        }
        try {
            long serial = Pointer.nativeValue(cursor.hCursor.getPointer());
            if (icon.hbmColor != null) {
                int[] size = bitmapSize(icon.hbmColor);
                int[] colour = bitmapPixels(icon.hbmColor, size[0], size[1]);
                int[] mask = bitmapPixels(icon.hbmMask, size[0], size[1]);
                return Optional.of(new CursorImage(serial, x, y, icon.xHotspot, icon.yHotspot, size[0], size[1],
                        CursorPixels.fromColour(colour, mask)));
            }
            int[] size = bitmapSize(icon.hbmMask); // AND mask above XOR mask: twice the cursor's height
            int cursorHeight = size[1] / 2;
            int[] masks = bitmapPixels(icon.hbmMask, size[0], size[1]);
            return Optional.of(new CursorImage(serial, x, y, icon.xHotspot, icon.yHotspot, size[0], cursorHeight,
                    CursorPixels.fromMonochrome(masks, size[0] * cursorHeight)));
        } finally {
            if (icon.hbmColor != null) {
                gdi32.DeleteObject(icon.hbmColor);
            }
            if (icon.hbmMask != null) {
                gdi32.DeleteObject(icon.hbmMask);
            }
        }
    }

    private int[] bitmapSize(HBITMAP bitmapHandle) {
        WinGDI.BITMAP header = new WinGDI.BITMAP();
        gdi32.GetObject(bitmapHandle, header.size(), header.getPointer());
        header.read();
        return new int[]{header.bmWidth.intValue(), header.bmHeight.intValue()};
    }

    /** The bitmap as top-down 32-bit pixels. */
    private int[] bitmapPixels(HBITMAP bitmapHandle, int bitmapWidth, int bitmapHeight) {
        WinGDI.BITMAPINFO info = new WinGDI.BITMAPINFO();
        info.bmiHeader.biWidth = bitmapWidth;
        info.bmiHeader.biHeight = -bitmapHeight;
        info.bmiHeader.biPlanes = 1;
        info.bmiHeader.biBitCount = 32;
        info.bmiHeader.biCompression = WinGDI.BI_RGB;
        try (Memory buffer = new Memory((long) bitmapWidth * bitmapHeight * 4)) {
            gdi32.GetDIBits(memoryDc, bitmapHandle, 0, bitmapHeight, buffer, info, WinGDI.DIB_RGB_COLORS);
            return buffer.getIntArray(0, bitmapWidth * bitmapHeight);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the screen source is closed");
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseBitmap();
        gdi32.DeleteDC(memoryDc);
        user32.ReleaseDC(null, screenDc);
    }
}
