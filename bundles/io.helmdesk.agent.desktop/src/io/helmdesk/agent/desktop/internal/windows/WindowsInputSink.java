package io.helmdesk.agent.desktop.internal.windows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.BaseTSD;
import com.sun.jna.platform.win32.User32;
import com.sun.jna.platform.win32.WinDef;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.win32.W32APIOptions;

import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.internal.ButtonTransitions;
import io.helmdesk.agent.desktop.internal.KeyRoute;
import io.helmdesk.agent.desktop.internal.Keysyms;
import io.helmdesk.agent.desktop.internal.windows.SyntheticInput.CharacterStroke;
import io.helmdesk.agent.desktop.internal.windows.SyntheticInput.Stroke;
import io.helmdesk.agent.desktop.internal.windows.SyntheticInput.VirtualKeyStroke;

/**
 * Injects input with {@code SendInput}. The pointer moves in absolute coordinates over the virtual desktop; keys are
 * virtual keys (with their scan code, for applications that read those) where the foreground window's layout has them
 * on the level the held Shift selects, else Unicode characters ({@code KEYEVENTF_UNICODE}), so any character arrives
 * whatever the layout. Windows drops injected input aimed at windows of higher integrity (elevated programs) unless
 * the agent is elevated too, and at the secure desktop (UAC, the lock screen) from any user program.
 */
final class WindowsInputSink implements InputSink {

    private static final int MAPVK_VK_TO_VSC = 0;

    private final Logger logger = LoggerFactory.getLogger(WindowsInputSink.class);
    private final User32 user32 = User32.INSTANCE;
    /** Keysym to what was pressed for it, in pressing order. */
    private final Map<Integer, Stroke> pressedKeys = new LinkedHashMap<>();
    private int buttons;
    private boolean closed;

    @Override
    public synchronized void pointer(int x, int y, int buttonMask) {
        checkOpen();
        List<SyntheticInput> inputs = new ArrayList<>();
        inputs.add(SyntheticInput.moveTo(x, y, user32.GetSystemMetrics(WindowsNatives.SM_CXVIRTUALSCREEN),
                user32.GetSystemMetrics(WindowsNatives.SM_CYVIRTUALSCREEN)));
        int mask = buttonMask & ButtonTransitions.BUTTONS;
        inputs.addAll(SyntheticInput.buttons(buttons, mask));
        buttons = mask;
        send(inputs);
    }

    @Override
    public synchronized void wheel(int deltaX, int deltaY) {
        checkOpen();
        send(SyntheticInput.wheel(deltaX, deltaY));
    }

    @Override
    public synchronized void key(int keysym, boolean down) {
        checkOpen();
        if (!down) {
            Stroke stroke = pressedKeys.remove(keysym);
            if (stroke != null) {
                send(SyntheticInput.stroke(stroke, false));
            }
            return;
        }
        Stroke stroke = pressedKeys.containsKey(keysym) ? pressedKeys.get(keysym) : stroke(keysym);
        if (stroke == null) {
            logger.debug("Keysym 0x{} is neither a key nor a character Windows can type: dropped",
                    Integer.toHexString(keysym));
            return;
        }
        pressedKeys.put(keysym, stroke);
        send(SyntheticInput.stroke(stroke, true));
    }

    /** How to type {@code keysym} in the foreground window's layout; null if it cannot be typed. */
    private Stroke stroke(int keysym) {
        WinDef.HKL layout = user32
                .GetKeyboardLayout(user32.GetWindowThreadProcessId(user32.GetForegroundWindow(), null));
        WindowsKeys.VirtualKey special = WindowsKeys.special(keysym);
        if (special != null) {
            return new VirtualKeyStroke(special, user32.MapVirtualKeyEx(special.code(), MAPVK_VK_TO_VSC, layout));
        }
        int codePoint = Keysyms.codePoint(keysym);
        if (codePoint < 0) {
            return null;
        }
        String utf16 = Character.toString(codePoint);
        short keyScan = utf16.length() == 1
                ? user32.VkKeyScanExW(utf16.charAt(0), layout)
                : WindowsKeys.NOT_IN_LAYOUT;
        if (WindowsKeys.route(keyScan, holds(Keysyms::isShift), holds(Keysyms::isCommandModifier)) == KeyRoute.KEY) {
            int virtualKey = keyScan & 0xFF;
            return new VirtualKeyStroke(new WindowsKeys.VirtualKey(virtualKey, false),
                    user32.MapVirtualKeyEx(virtualKey, MAPVK_VK_TO_VSC, layout));
        }
        return new CharacterStroke(utf16);
    }

    private boolean holds(IntPredicate kind) {
        return pressedKeys.keySet().stream().anyMatch(kind::test);
    }

    @Override
    public synchronized void releaseAll() {
        if (closed) {
            return;
        }
        List<SyntheticInput> inputs = new ArrayList<>();
        List<Stroke> held = new ArrayList<>(pressedKeys.values());
        pressedKeys.clear();
        for (int i = held.size() - 1; i >= 0; i--) {
            inputs.addAll(SyntheticInput.stroke(held.get(i), false));
        }
        inputs.addAll(SyntheticInput.buttons(buttons, 0));
        buttons = 0;
        send(inputs);
    }

    /**
     * Calls {@code SendSAS}, the only way software produces the real secure attention sequence: it works when the
     * agent runs as a LocalSystem service and the policy "Disable or enable software Secure Attention Sequence"
     * allows services; otherwise Windows ignores it (as it ignores Control+Alt+Delete sent as keys).
     */
    @Override
    public synchronized void ctrlAltDel() {
        checkOpen();
        try {
            Native.load("sas", WindowsNatives.SecureAttention.class, W32APIOptions.DEFAULT_OPTIONS).SendSAS(false);
        } catch (UnsatisfiedLinkError e) {
            logger.warn("sas.dll cannot be loaded, so Control+Alt+Delete cannot be sent: {}", e.getMessage());
        }
    }

    private void send(List<SyntheticInput> inputs) {
        if (inputs.isEmpty()) {
            return;
        }
        // SendInput reads an array of INPUT structures laid out back to back.
        WinUser.INPUT[] array = (WinUser.INPUT[]) new WinUser.INPUT().toArray(inputs.size());
        for (int i = 0; i < array.length; i++) {
            fill(array[i], inputs.get(i));
        }
        int sent = user32.SendInput(new WinDef.DWORD(array.length), array, array[0].size()).intValue();
        if (sent != array.length) {
            logger.debug("SendInput took {} of {} events: a window of higher integrity or the secure desktop has the "
                    + "input", sent, array.length);
        }
    }

    private static void fill(WinUser.INPUT target, SyntheticInput input) {
        switch (input) {
            case SyntheticInput.Mouse mouse -> {
                target.type = new WinDef.DWORD(WinUser.INPUT.INPUT_MOUSE);
                target.input.setType("mi");
                target.input.mi.dx = new WinDef.LONG(mouse.dx());
                target.input.mi.dy = new WinDef.LONG(mouse.dy());
                target.input.mi.mouseData = new WinDef.DWORD(mouse.data() & 0xFFFFFFFFL); // signed wheel rotation
                target.input.mi.dwFlags = new WinDef.DWORD(mouse.flags());
                target.input.mi.time = new WinDef.DWORD(0);
                target.input.mi.dwExtraInfo = new BaseTSD.ULONG_PTR(0);
            }
            case SyntheticInput.Key key -> {
                target.type = new WinDef.DWORD(WinUser.INPUT.INPUT_KEYBOARD);
                target.input.setType("ki");
                target.input.ki.wVk = new WinDef.WORD(key.virtualKey());
                target.input.ki.wScan = new WinDef.WORD(key.scanCode());
                target.input.ki.dwFlags = new WinDef.DWORD(key.flags());
                target.input.ki.time = new WinDef.DWORD(0);
                target.input.ki.dwExtraInfo = new BaseTSD.ULONG_PTR(0);
            }
        }
        target.write();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the input sink is closed");
        }
    }

    @Override
    public synchronized void close() {
        releaseAll();
        closed = true;
    }
}
