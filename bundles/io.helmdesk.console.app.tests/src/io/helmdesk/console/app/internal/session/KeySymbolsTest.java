package io.helmdesk.console.app.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.junit.jupiter.api.Test;

/**
 * SWT key events as SWT on GTK makes them (key code: the key's character on its Latin layout, or SWT's constant;
 * character: what it types with the modifiers held; location: left, right or keypad) and the keysyms they are sent as.
 */
class KeySymbolsTest {

    @Test
    void lettersAreTheirCharacterWithAndWithoutShift() {
        assertEquals(0x61, KeySymbols.of(key('a', 'a', 0)));
        assertEquals(0x41, KeySymbols.of(key('a', 'A', SWT.SHIFT)));
        assertEquals(0x7a, KeySymbols.of(key('z', 'z', 0)));
        assertEquals(0x31, KeySymbols.of(key('1', '1', 0)));
        assertEquals(0x21, KeySymbols.of(key('1', '!', SWT.SHIFT)));
        assertEquals(0x20, KeySymbols.of(key(' ', ' ', 0)));
    }

    @Test
    void withCtrlTheKeyItselfCountsNotTheControlCode() {
        // GTK turns Ctrl+C into the character 0x03 and Ctrl+H into 0x08 (backspace): the key is c, h.
        assertEquals(0x63, KeySymbols.of(key('c', (char) 0x03, SWT.CTRL)));
        assertEquals(0x68, KeySymbols.of(key('h', (char) 0x08, SWT.CTRL)));
        assertEquals(0x5b, KeySymbols.of(key('[', (char) 0x1b, SWT.CTRL)));
        // Ctrl+Shift+A: the character is 0x01, the key a; the remote side holds Shift itself.
        assertEquals(0x61, KeySymbols.of(key('a', (char) 0x01, SWT.CTRL | SWT.SHIFT)));
    }

    @Test
    void altGrCharactersOfAGermanLayoutAreWhatTheyType() {
        // AltGr itself is ISO_Level3_Shift; AltGr+Q types @, AltGr+E types €, AltGr+8 types [.
        assertEquals(0xfe03, KeySymbols.of(key(SWT.ALT_GR, (char) 0, 0)));
        assertEquals(0x40, KeySymbols.of(key('q', '@', SWT.ALT_GR)));
        assertEquals(0x010020ac, KeySymbols.of(key('e', '€', SWT.ALT_GR)));
        assertEquals(0x5b, KeySymbols.of(key('8', '[', SWT.ALT_GR)));
        // Latin-1 letters are their code point; others Unicode plus 0x01000000.
        assertEquals(0xe9, KeySymbols.of(key('2', 'é', 0)));
        assertEquals(0xdf, KeySymbols.of(key('-', 'ß', 0)));
        assertEquals(0x01000436, KeySymbols.of(key(';', 'ж', 0)));
        assertEquals(0x0100263a, KeySymbols.of(key(0, '☺', 0)));
    }

    @Test
    void functionNavigationAndEditingKeys() {
        assertEquals(0xffbe, KeySymbols.of(key(SWT.F1, (char) 0, 0)));
        assertEquals(0xffc2, KeySymbols.of(key(SWT.F5, (char) 0, 0)));
        assertEquals(0xffc9, KeySymbols.of(key(SWT.F12, (char) 0, 0)));
        assertEquals(0xff52, KeySymbols.of(key(SWT.ARROW_UP, (char) 0, 0)));
        assertEquals(0xff54, KeySymbols.of(key(SWT.ARROW_DOWN, (char) 0, 0)));
        assertEquals(0xff51, KeySymbols.of(key(SWT.ARROW_LEFT, (char) 0, 0)));
        assertEquals(0xff53, KeySymbols.of(key(SWT.ARROW_RIGHT, (char) 0, 0)));
        assertEquals(0xff50, KeySymbols.of(key(SWT.HOME, (char) 0, 0)));
        assertEquals(0xff57, KeySymbols.of(key(SWT.END, (char) 0, 0)));
        assertEquals(0xff55, KeySymbols.of(key(SWT.PAGE_UP, (char) 0, 0)));
        assertEquals(0xff56, KeySymbols.of(key(SWT.PAGE_DOWN, (char) 0, 0)));
        assertEquals(0xff63, KeySymbols.of(key(SWT.INSERT, (char) 0, 0)));
        assertEquals(0xffff, KeySymbols.of(key(SWT.DEL, SWT.DEL, 0)));
        assertEquals(0xff08, KeySymbols.of(key(SWT.BS, SWT.BS, 0)));
        assertEquals(0xff09, KeySymbols.of(key(SWT.TAB, SWT.TAB, 0)));
        assertEquals(0xff09, KeySymbols.of(key(SWT.TAB, SWT.TAB, SWT.SHIFT)));
        assertEquals(0xff0d, KeySymbols.of(key(SWT.CR, SWT.CR, 0)));
        assertEquals(0xff1b, KeySymbols.of(key(SWT.ESC, SWT.ESC, 0)));
        assertEquals(0xff61, KeySymbols.of(key(SWT.PRINT_SCREEN, (char) 0, 0)));
        assertEquals(0xff13, KeySymbols.of(key(SWT.PAUSE, (char) 0, 0)));
    }

    @Test
    void modifiersKeepTheirSide() {
        assertEquals(0xffe1, KeySymbols.of(located(SWT.SHIFT, SWT.LEFT)));
        assertEquals(0xffe2, KeySymbols.of(located(SWT.SHIFT, SWT.RIGHT)));
        assertEquals(0xffe3, KeySymbols.of(located(SWT.CTRL, SWT.LEFT)));
        assertEquals(0xffe4, KeySymbols.of(located(SWT.CTRL, SWT.RIGHT)));
        assertEquals(0xffe9, KeySymbols.of(located(SWT.ALT, SWT.LEFT)));
        assertEquals(0xffea, KeySymbols.of(located(SWT.ALT, SWT.RIGHT)));
        assertEquals(0xffeb, KeySymbols.of(located(SWT.COMMAND, SWT.LEFT)));
        assertEquals(0xffec, KeySymbols.of(located(SWT.COMMAND, SWT.RIGHT)));
        assertEquals(0xffe5, KeySymbols.of(located(SWT.CAPS_LOCK, SWT.NONE)));
        assertEquals(0xff7f, KeySymbols.of(located(SWT.NUM_LOCK, SWT.KEYPAD)));
    }

    @Test
    void keypadKeysAreKeypadKeysymsWithAndWithoutNumLock() {
        // Num Lock on: digits with their character, at the keypad.
        assertEquals(0xffb7, KeySymbols.of(keypad(SWT.KEYPAD_7, '7')));
        assertEquals(0xffb0, KeySymbols.of(keypad(SWT.KEYPAD_0, '0')));
        assertEquals(0xffab, KeySymbols.of(keypad(SWT.KEYPAD_ADD, '+')));
        assertEquals(0xffad, KeySymbols.of(keypad(SWT.KEYPAD_SUBTRACT, '-')));
        assertEquals(0xffaa, KeySymbols.of(keypad(SWT.KEYPAD_MULTIPLY, '*')));
        assertEquals(0xffaf, KeySymbols.of(keypad(SWT.KEYPAD_DIVIDE, '/')));
        assertEquals(0xffae, KeySymbols.of(keypad(SWT.KEYPAD_DECIMAL, '.')));
        assertEquals(0xff8d, KeySymbols.of(keypad(SWT.KEYPAD_CR, SWT.CR)));
        // Num Lock off: GTK names them Home, Up…, SWT by the navigation key at the keypad.
        assertEquals(0xff95, KeySymbols.of(keypad(SWT.HOME, (char) 0)));
        assertEquals(0xff97, KeySymbols.of(keypad(SWT.ARROW_UP, (char) 0)));
        assertEquals(0xff9c, KeySymbols.of(keypad(SWT.END, (char) 0)));
        assertEquals(0xff9e, KeySymbols.of(keypad(SWT.INSERT, (char) 0)));
        assertEquals(0xff9f, KeySymbols.of(keypad(SWT.DEL, SWT.DEL)));
    }

    @Test
    void eventsThatNameNoKeyAreDropped() {
        assertEquals(0, KeySymbols.of(key(0, (char) 0, 0)));
    }

    static Event key(int keyCode, char character, int stateMask) {
        Event event = new Event();
        event.keyCode = keyCode;
        event.character = character;
        event.stateMask = stateMask;
        return event;
    }

    private static Event located(int keyCode, int location) {
        Event event = key(keyCode, (char) 0, 0);
        event.keyLocation = location;
        return event;
    }

    private static Event keypad(int keyCode, char character) {
        Event event = key(keyCode, character, 0);
        event.keyLocation = SWT.KEYPAD;
        return event;
    }
}
