package io.helmdesk.console.app.internal.session;

/** Where a screen view's mouse and keys go: the session, in remote coordinates and X11 keysyms. */
interface RemoteInput extends KeyboardInput.KeySink {

    /**
     * The pointer on the remote virtual screen.
     *
     * @param buttons held now: bit 0 left, 1 middle, 2 right, 3 back, 4 forward
     * @param wheelX steps, negative to the left
     * @param wheelY steps, negative up
     */
    void pointer(int x, int y, int buttons, int wheelX, int wheelY);
}
