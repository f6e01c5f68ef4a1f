package io.helmdesk.agent.desktop.internal.awt;

import java.awt.Rectangle;
import java.awt.Robot;
import java.awt.event.InputEvent;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.internal.ButtonTransitions;
import io.helmdesk.agent.desktop.internal.InjectedInput;
import io.helmdesk.agent.desktop.internal.Keysyms;

/**
 * Injects input through {@code java.awt.Robot}. Keys are layout-dependent: Robot presses AWT key codes, so a keysym
 * reaches the desktop only if the local layout has a key for it, and a character that needs modifiers there (AltGr,
 * or Shift for a symbol the remote layout types without) comes out as whatever that key types. Keysyms AWT has no key
 * code for are dropped.
 */
final class RobotInputSink implements InputSink {

    private static final int[] BUTTON_MASKS = {InputEvent.BUTTON1_DOWN_MASK, InputEvent.BUTTON2_DOWN_MASK,
            InputEvent.BUTTON3_DOWN_MASK};

    private final Logger logger = LoggerFactory.getLogger(RobotInputSink.class);
    private final Robot robot;
    private final InjectedInput injected;
    /** Keysym to the AWT key code pressed for it, in pressing order. */
    private final Map<Integer, Integer> pressedKeys = new LinkedHashMap<>();
    private int buttons;
    private boolean closed;

    RobotInputSink(Robot robot, InjectedInput injected) {
        this.robot = robot;
        this.injected = injected;
    }

    @Override
    public synchronized void pointer(int x, int y, int buttonMask) {
        checkOpen();
        Rectangle screen = RobotScreenSource.virtualBounds();
        int screenX = screen.x + Math.clamp(x, 0, screen.width - 1);
        int screenY = screen.y + Math.clamp(y, 0, screen.height - 1);
        injected.pointerMoved(screenX, screenY);
        robot.mouseMove(screenX, screenY);
        setButtons(buttonMask & ButtonTransitions.BUTTONS);
        injected.applied(); // Robot returns once the platform has the events (on X11 it waits with XSync)
    }

    private void setButtons(int mask) {
        for (ButtonTransitions.Transition transition : ButtonTransitions.between(buttons, mask)) {
            buttons ^= 1 << transition.index();
            injected.buttonsChanged(buttons);
            if (transition.press()) {
                robot.mousePress(BUTTON_MASKS[transition.index()]);
            } else {
                robot.mouseRelease(BUTTON_MASKS[transition.index()]);
            }
        }
    }

    @Override
    public synchronized void wheel(int deltaX, int deltaY) {
        checkOpen();
        if (deltaY != 0) {
            robot.mouseWheel(deltaY); // positive is down, towards the user, as here
        }
        if (deltaX != 0) {
            logger.debug("java.awt.Robot has no horizontal wheel: {} notches dropped", deltaX);
        }
    }

    @Override
    public synchronized void key(int keysym, boolean down) {
        checkOpen();
        if (!down) {
            Integer keyCode = pressedKeys.remove(keysym);
            if (keyCode != null) {
                robot.keyRelease(keyCode);
            }
            return;
        }
        int keyCode = pressedKeys.getOrDefault(keysym, AwtKeys.keyCode(keysym));
        if (keyCode == KeyEvent.VK_UNDEFINED) {
            logger.debug("No AWT key code for keysym 0x{}: dropped", Integer.toHexString(keysym));
            return;
        }
        try {
            robot.keyPress(keyCode);
            pressedKeys.put(keysym, keyCode);
        } catch (IllegalArgumentException e) {
            logger.debug("The keyboard has no key for keysym 0x{}: dropped", Integer.toHexString(keysym));
        }
    }

    @Override
    public synchronized void releaseAll() {
        if (closed) {
            return;
        }
        List<Integer> held = new ArrayList<>(pressedKeys.values());
        pressedKeys.clear();
        for (int i = held.size() - 1; i >= 0; i--) {
            robot.keyRelease(held.get(i));
        }
        setButtons(0);
        injected.applied();
    }

    @Override
    public synchronized void ctrlAltDel() {
        checkOpen();
        List<Integer> pressedHere = new ArrayList<>();
        for (int keysym : new int[]{Keysyms.CONTROL_L, Keysyms.ALT_L, Keysyms.DELETE}) {
            if (!pressedKeys.containsKey(keysym)) {
                key(keysym, true);
                pressedHere.add(keysym);
            }
        }
        for (int i = pressedHere.size() - 1; i >= 0; i--) {
            key(pressedHere.get(i), false);
        }
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
