package io.helmdesk.agent.desktop.internal.windows;

import java.util.ArrayList;
import java.util.List;

import io.helmdesk.agent.desktop.internal.ButtonTransitions;

/** One event for {@code SendInput}, built in plain Java so what the sink sends can be checked without Windows. */
sealed interface SyntheticInput {

    int MOUSEEVENTF_MOVE = 0x0001;
    int MOUSEEVENTF_LEFTDOWN = 0x0002;
    int MOUSEEVENTF_RIGHTDOWN = 0x0008;
    int MOUSEEVENTF_MIDDLEDOWN = 0x0020;
    int MOUSEEVENTF_WHEEL = 0x0800;
    int MOUSEEVENTF_HWHEEL = 0x1000;
    int MOUSEEVENTF_VIRTUALDESK = 0x4000;
    int MOUSEEVENTF_ABSOLUTE = 0x8000;
    int WHEEL_DELTA = 120;
    int KEYEVENTF_EXTENDEDKEY = 0x0001;
    int KEYEVENTF_KEYUP = 0x0002;
    int KEYEVENTF_UNICODE = 0x0004;

    record Mouse(int flags, int dx, int dy, int data) implements SyntheticInput {
    }

    record Key(int virtualKey, int scanCode, int flags) implements SyntheticInput {
    }

    /** What was pressed for a keysym, so the release matches the press. */
    sealed interface Stroke {
    }

    record VirtualKeyStroke(WindowsKeys.VirtualKey key, int scanCode) implements Stroke {
    }

    /** A character sent as UTF-16 units: outside the BMP, a surrogate pair. */
    record CharacterStroke(String utf16) implements Stroke {
    }

    /** An absolute move to pixel ({@code x}, {@code y}) of a {@code width} by {@code height} virtual desktop. */
    static Mouse moveTo(int x, int y, int width, int height) {
        return new Mouse(MOUSEEVENTF_MOVE | MOUSEEVENTF_ABSOLUTE | MOUSEEVENTF_VIRTUALDESK,
                MouseCoordinates.normalize(Math.clamp(x, 0, width - 1), width),
                MouseCoordinates.normalize(Math.clamp(y, 0, height - 1), height), 0);
    }

    /** Presses and releases leading from button mask {@code from} to {@code to}. */
    static List<SyntheticInput> buttons(int from, int to) {
        List<SyntheticInput> inputs = new ArrayList<>();
        for (ButtonTransitions.Transition transition : ButtonTransitions.between(from, to)) {
            int down = switch (transition.index()) {
                case 0 -> MOUSEEVENTF_LEFTDOWN;
                case 1 -> MOUSEEVENTF_MIDDLEDOWN;
                default -> MOUSEEVENTF_RIGHTDOWN;
            };
            inputs.add(new Mouse(transition.press() ? down : down << 1, 0, 0, 0)); // each UP flag is its DOWN's double
        }
        return inputs;
    }

    /** Wheel notches; positive {@code deltaY} scrolls down, while Windows' positive rotation scrolls up. */
    static List<SyntheticInput> wheel(int deltaX, int deltaY) {
        List<SyntheticInput> inputs = new ArrayList<>();
        if (deltaY != 0) {
            inputs.add(new Mouse(MOUSEEVENTF_WHEEL, 0, 0, -deltaY * WHEEL_DELTA));
        }
        if (deltaX != 0) {
            inputs.add(new Mouse(MOUSEEVENTF_HWHEEL, 0, 0, deltaX * WHEEL_DELTA));
        }
        return inputs;
    }

    static List<SyntheticInput> stroke(Stroke stroke, boolean down) {
        int up = down ? 0 : KEYEVENTF_KEYUP;
        return switch (stroke) {
            case VirtualKeyStroke key -> List.of(new Key(key.key().code(), key.scanCode(),
                    (key.key().extended() ? KEYEVENTF_EXTENDEDKEY : 0) | up));
            case CharacterStroke character -> character.utf16().chars()
                    .mapToObj(unit -> (SyntheticInput) new Key(0, unit, KEYEVENTF_UNICODE | up)).toList();
        };
    }
}
