package io.helmdesk.agent.desktop;

/**
 * One monitor of the virtual screen, placed in the coordinates of the captured picture.
 *
 * @param id its position in the list {@link ScreenSource#monitors()} returns
 * @param primary whether the desktop shows its main panel or task bar there; where the platform marks none, the first
 *            monitor is
 * @param name what the platform calls it ({@code DP-1}, {@code \\.\DISPLAY1}, ...)
 */
public record Monitor(int id, int x, int y, int width, int height, boolean primary, String name) {

    public Region bounds() {
        return new Region(x, y, width, height);
    }
}
