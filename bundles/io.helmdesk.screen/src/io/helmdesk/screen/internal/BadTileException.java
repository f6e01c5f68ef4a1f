package io.helmdesk.screen.internal;

/** A tile's data does not decode to its rectangle; the message says why in one phrase. */
public final class BadTileException extends Exception {

    private static final long serialVersionUID = 1L;

    public BadTileException(String message) {
        super(message);
    }
}
