package io.helmdesk.agent.desktop.internal.windows;

/** Pixel positions to the 0–65535 range of {@code SendInput}'s absolute mouse moves. */
final class MouseCoordinates {

    private MouseCoordinates() {
    }

    /**
     * The normalized coordinate of pixel {@code position}'s centre along a {@code size}-pixel axis: it lands in that
     * pixel whether Windows scales by 65535 or 65536, and whichever way it rounds.
     */
    static int normalize(int position, int size) {
        return (int) (((2L * position + 1) * 65536) / (2L * size));
    }
}
