package io.helmdesk.agent.desktop.internal.windows;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinUser;

import io.helmdesk.agent.desktop.LocalInputListener;
import io.helmdesk.agent.desktop.LocalInputMonitor;
import io.helmdesk.agent.desktop.internal.PollingMonitor;

/**
 * Tells local input from injected input on Windows with low-level mouse and keyboard hooks, whose events carry an
 * "injected" flag: no comparison with the sink is needed. The hooks run on the monitor's own thread, which pumps
 * messages as hooks require; Windows drops a hook that keeps it waiting (LowLevelHooksTimeout), so the listener must
 * return at once. Limits: input that other programs inject (on-screen keyboards, another remote tool) is taken for the
 * sink's; the secure desktop's input is not seen; activity is reported at most {@value PollingMonitor#HZ} times a
 * second.
 */
final class WindowsLocalInputMonitor implements LocalInputMonitor {

    private static final int LLMHF_INJECTED = 0x01;
    private static final int LLKHF_INJECTED = 0x10;
    private static final int WM_KEYUP = 0x0101;
    private static final int WM_SYSKEYUP = 0x0105;
    private static final long ACTIVITY_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1) / PollingMonitor.HZ;

    private final Logger logger = LoggerFactory.getLogger(WindowsLocalInputMonitor.class);
    private final User32 user32 = User32.INSTANCE;
    private final CountDownLatch hooked = new CountDownLatch(1);
    private Thread thread;
    private volatile int threadId;
    private boolean closed;
    private LocalInputListener listener;
    private long lastActivity = System.nanoTime() - ACTIVITY_INTERVAL_NANOS;
    private boolean escapeDown;
    /** Held while hooked: a collected JNA callback would crash the process. */
    private WinUser.LowLevelMouseProc mouseProc;
    private WinUser.LowLevelKeyboardProc keyboardProc;

    @Override
    public synchronized void start(LocalInputListener newListener) {
        if (closed || thread != null) {
            throw new IllegalStateException(closed ? "closed" : "already started");
        }
        listener = newListener;
        thread = new Thread(this::run, "helmdesk-local-input windows");
        thread.setDaemon(true);
        thread.start();
        try {
            hooked.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        WinUser.HHOOK mouseHook = null;
        WinUser.HHOOK keyboardHook = null;
        try {
            WinDef.HMODULE module = Kernel32.INSTANCE.GetModuleHandle(null);
            mouseProc = (code, message, info) -> {
                if (code >= 0 && (info.flags & LLMHF_INJECTED) == 0) {
                    activity();
                }
                return user32.CallNextHookEx(null, code, message,
                        new WinDef.LPARAM(Pointer.nativeValue(info.getPointer())));
            };
            keyboardProc = (code, message, info) -> {
                if (code >= 0 && (info.flags & LLKHF_INJECTED) == 0) {
                    keyboard(message.intValue(), info.vkCode);
                }
                return user32.CallNextHookEx(null, code, message,
                        new WinDef.LPARAM(Pointer.nativeValue(info.getPointer())));
            };
            mouseHook = user32.SetWindowsHookEx(WinUser.WH_MOUSE_LL, mouseProc, module, 0);
            keyboardHook = user32.SetWindowsHookEx(WinUser.WH_KEYBOARD_LL, keyboardProc, module, 0);
            threadId = Kernel32.INSTANCE.GetCurrentThreadId();
        } finally {
            hooked.countDown();
        }
        if (mouseHook == null || keyboardHook == null) {
            logger.warn("Local input is not watched: SetWindowsHookEx failed with error {}",
                    Kernel32.INSTANCE.GetLastError());
        } else {
            WinUser.MSG message = new WinUser.MSG();
            while (user32.GetMessage(message, null, 0, 0) > 0) {
                // The hooks are called while this thread waits in GetMessage; the only message it gets is WM_QUIT.
            }
        }
        if (mouseHook != null) {
            user32.UnhookWindowsHookEx(mouseHook);
        }
        if (keyboardHook != null) {
            user32.UnhookWindowsHookEx(keyboardHook);
        }
    }

    private void keyboard(int message, int virtualKey) {
        activity();
        if (virtualKey != WindowsKeys.VK_ESCAPE) {
            return;
        }
        boolean up = message == WM_KEYUP || message == WM_SYSKEYUP;
        if (!up && !escapeDown) {
            tell(listener::onLocalEscape); // once per press, not per auto-repeat
        }
        escapeDown = !up;
    }

    private void activity() {
        long now = System.nanoTime();
        if (now - lastActivity >= ACTIVITY_INTERVAL_NANOS) {
            lastActivity = now;
            tell(listener::onLocalActivity);
        }
    }

    private void tell(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            logger.warn("A local input listener failed", e);
        }
    }

    @Override
    public void close() {
        Thread started;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            started = thread;
        }
        if (started == null) {
            return;
        }
        user32.PostThreadMessage(threadId, WinUser.WM_QUIT, new WinDef.WPARAM(0), new WinDef.LPARAM(0));
        if (started != Thread.currentThread()) {
            try {
                started.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
