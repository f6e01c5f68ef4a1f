package io.helmdesk.agent.desktop.internal;

import java.util.ArrayList;
import java.util.List;

import io.helmdesk.agent.desktop.InputSink;

/** Turns RFB-style button masks into the presses and releases that lead from one to the next. */
public final class ButtonTransitions {

    /** The buttons a mask may hold: left, middle, right. */
    public static final int BUTTONS = InputSink.BUTTON_LEFT | InputSink.BUTTON_MIDDLE | InputSink.BUTTON_RIGHT;

    /** One button going down or up; {@code index} 0 is left, 1 middle, 2 right. */
    public record Transition(int index, boolean press) {

        /** The X11 button number: 1 left, 2 middle, 3 right. */
        public int x11Button() {
            return index + 1;
        }
    }

    private ButtonTransitions() {
    }

    /** The transitions from {@code previous} to {@code next}, releases first so no chord appears that neither had. */
    public static List<Transition> between(int previous, int next) {
        int changed = (previous ^ next) & BUTTONS;
        List<Transition> transitions = new ArrayList<>(Integer.bitCount(changed));
        for (int index = 0; index < 3; index++) {
            int bit = 1 << index;
            if ((changed & bit) != 0 && (next & bit) == 0) {
                transitions.add(new Transition(index, false));
            }
        }
        for (int index = 0; index < 3; index++) {
            int bit = 1 << index;
            if ((changed & bit) != 0 && (next & bit) != 0) {
                transitions.add(new Transition(index, true));
            }
        }
        return transitions;
    }
}
