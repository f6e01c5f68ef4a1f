package io.helmdesk.store.api;

/** The database cannot be used now (it could not be opened); the message says why. HTTP 503 at the API. */
public class StoreUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreUnavailableException(String message) {
        super(message);
    }
}
