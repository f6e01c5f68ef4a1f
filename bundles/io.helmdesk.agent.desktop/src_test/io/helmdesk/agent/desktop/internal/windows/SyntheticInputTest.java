package io.helmdesk.agent.desktop.internal.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.internal.windows.SyntheticInput.CharacterStroke;
import io.helmdesk.agent.desktop.internal.windows.SyntheticInput.Key;
import io.helmdesk.agent.desktop.internal.windows.SyntheticInput.Mouse;
import io.helmdesk.agent.desktop.internal.windows.SyntheticInput.VirtualKeyStroke;
import io.helmdesk.agent.desktop.internal.windows.WindowsKeys.VirtualKey;

class SyntheticInputTest {

    @Test
    void buttonMaskChangesBecomeDownAndUpFlags() {
        assertEquals(List.of(new Mouse(0x0002, 0, 0, 0)), SyntheticInput.buttons(0, InputSink.BUTTON_LEFT));
        assertEquals(List.of(new Mouse(0x0004, 0, 0, 0)), SyntheticInput.buttons(InputSink.BUTTON_LEFT, 0));
        assertEquals(List.of(new Mouse(0x0020, 0, 0, 0), new Mouse(0x0008, 0, 0, 0)),
                SyntheticInput.buttons(0, InputSink.BUTTON_MIDDLE | InputSink.BUTTON_RIGHT));
        assertEquals(List.of(new Mouse(0x0040, 0, 0, 0), new Mouse(0x0010, 0, 0, 0)),
                SyntheticInput.buttons(InputSink.BUTTON_MIDDLE | InputSink.BUTTON_RIGHT, 0));
        assertEquals(List.of(new Mouse(0x0004, 0, 0, 0), new Mouse(0x0008, 0, 0, 0)),
                SyntheticInput.buttons(InputSink.BUTTON_LEFT, InputSink.BUTTON_RIGHT), "left up, then right down");
    }

    @Test
    void movesAreAbsoluteOverTheVirtualDesktopAndClamped() {
        Mouse move = SyntheticInput.moveTo(1919, 0, 1920, 1080);
        assertEquals(0x0001 | 0x8000 | 0x4000, move.flags());
        assertEquals(MouseCoordinates.normalize(1919, 1920), move.dx());
        assertEquals(SyntheticInput.moveTo(1919, 1079, 1920, 1080), SyntheticInput.moveTo(5000, 5000, 1920, 1080));
        assertEquals(SyntheticInput.moveTo(0, 0, 1920, 1080), SyntheticInput.moveTo(-5, -5, 1920, 1080));
    }

    @Test
    void theWheelTurnsTheWayWindowsMeansIt() {
        assertEquals(List.of(new Mouse(0x0800, 0, 0, -240)), SyntheticInput.wheel(0, 2), "two notches down");
        assertEquals(List.of(new Mouse(0x0800, 0, 0, 120), new Mouse(0x1000, 0, 0, -120)),
                SyntheticInput.wheel(-1, -1), "up and left");
    }

    @Test
    void keysKeepTheirExtendedFlagOnRelease() {
        VirtualKeyStroke left = new VirtualKeyStroke(new VirtualKey(0x25, true), 0x4B);
        assertEquals(List.of(new Key(0x25, 0x4B, 0x0001)), SyntheticInput.stroke(left, true));
        assertEquals(List.of(new Key(0x25, 0x4B, 0x0003)), SyntheticInput.stroke(left, false));
    }

    @Test
    void charactersGoAsUnicodeUnitsSurrogatePairsIncluded() {
        assertEquals(List.of(new Key(0, 0x20ac, 0x0004)), SyntheticInput.stroke(new CharacterStroke("€"), true));
        assertEquals(List.of(new Key(0, 0xD83D, 0x0006), new Key(0, 0xDE00, 0x0006)),
                SyntheticInput.stroke(new CharacterStroke(Character.toString(0x1F600)), false));
    }
}
