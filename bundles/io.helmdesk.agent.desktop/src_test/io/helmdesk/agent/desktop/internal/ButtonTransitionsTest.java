package io.helmdesk.agent.desktop.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdesk.agent.desktop.InputSink;
import io.helmdesk.agent.desktop.internal.ButtonTransitions.Transition;

class ButtonTransitionsTest {

    @Test
    void pressesWhatWentDownAndReleasesWhatWentUp() {
        assertEquals(List.of(new Transition(0, true)), ButtonTransitions.between(0, InputSink.BUTTON_LEFT));
        assertEquals(List.of(new Transition(0, false)), ButtonTransitions.between(InputSink.BUTTON_LEFT, 0));
        assertEquals(List.of(), ButtonTransitions.between(InputSink.BUTTON_RIGHT, InputSink.BUTTON_RIGHT));
    }

    @Test
    void releasesComeBeforePressesSoNoChordAppearsThatNeitherMaskHad() {
        assertEquals(List.of(new Transition(0, false), new Transition(2, true)),
                ButtonTransitions.between(InputSink.BUTTON_LEFT, InputSink.BUTTON_RIGHT));
        assertEquals(List.of(new Transition(0, true), new Transition(1, true), new Transition(2, true)),
                ButtonTransitions.between(0, 0b111));
    }

    @Test
    void wheelBitsOfRfbMasksAreIgnored() {
        assertEquals(List.of(), ButtonTransitions.between(0, 0b1111000));
        assertEquals(3, new Transition(2, true).x11Button());
    }
}
