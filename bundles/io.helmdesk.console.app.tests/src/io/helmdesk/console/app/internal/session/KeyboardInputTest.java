package io.helmdesk.console.app.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.Test;

/** Presses and releases as the remote computer gets them: each release matches its press, nothing stays down. */
class KeyboardInputTest {

    private final List<String> sent = new ArrayList<>();
    private final KeyboardInput keyboard = new KeyboardInput(
            (keysym, down) -> sent.add((down ? "down " : "up ") + Integer.toHexString(keysym)));

    @Test
    void aReleaseSendsWhatItsPressSentWhenTheModifiersChangedMeanwhile() {
        keyboard.pressed(located(SWT.SHIFT, SWT.LEFT));
        keyboard.pressed(KeySymbolsTest.key('a', 'A', SWT.SHIFT));
        keyboard.released(located(SWT.SHIFT, SWT.LEFT));
        // Shift is up: GTK says the key now types "a", yet "A" went down.
        keyboard.released(KeySymbolsTest.key('a', 'a', 0));
        assertEquals(List.of("down ffe1", "down 41", "up ffe1", "up 41"), sent);
        assertEquals(0, keyboard.heldCount());
    }

    @Test
    void aHeldKeyRepeatsAndIsReleasedOnce() {
        keyboard.pressed(KeySymbolsTest.key('x', 'x', 0));
        keyboard.pressed(KeySymbolsTest.key('x', 'x', 0));
        keyboard.released(KeySymbolsTest.key('x', 'x', 0));
        keyboard.released(KeySymbolsTest.key('x', 'x', 0));
        assertEquals(List.of("down 78", "down 78", "up 78"), sent);
    }

    @Test
    void losingTheKeyboardReleasesEverythingHeldLastPressedFirst() {
        keyboard.pressed(located(SWT.CTRL, SWT.LEFT));
        keyboard.pressed(located(SWT.ALT, SWT.LEFT));
        keyboard.pressed(KeySymbolsTest.key(SWT.F4, (char) 0, SWT.CTRL | SWT.ALT));
        sent.clear();
        keyboard.releaseAll();
        assertEquals(List.of("up ffc1", "up ffe9", "up ffe3"), sent);
        assertEquals(0, keyboard.heldCount());
        // Their releases come later, to the window that has the keyboard now: nothing more is sent.
        keyboard.released(located(SWT.CTRL, SWT.LEFT));
        assertEquals(3, sent.size());
    }

    @Test
    void composedTextIsTypedAtOnceAndAReleaseWithoutPressIsIgnored() {
        // A dead key's result comes from the input method: no key code, and no release follows.
        keyboard.pressed(KeySymbolsTest.key(0, 'ê', 0));
        keyboard.released(KeySymbolsTest.key('q', 'q', 0));
        assertEquals(List.of("down ea", "up ea"), sent);
    }

    @Test
    void combinationsFromTheMenuGoDownInOrderAndUpInReverse() {
        keyboard.type(KeySymbols.ALT_L, KeySymbols.TAB);
        assertEquals(List.of("down ffe9", "down ff09", "up ff09", "up ffe9"), sent);
    }

    private static Event located(int keyCode, int location) {
        Event event = KeySymbolsTest.key(keyCode, (char) 0, 0);
        event.keyLocation = location;
        return event;
    }
}
