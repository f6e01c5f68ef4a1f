package io.helmdesk.console.client.api;

/** The server could not be asked, or refused: the message says what happened in words for the operator. */
public class ServerException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServerException(String message) {
        super(message);
    }

    public ServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
