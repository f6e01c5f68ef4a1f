package io.helmdesk.mail.api;

/** A mail could not be sent: not configured, the SMTP server refused, or could not be reached. */
public class MailException extends Exception {

    private static final long serialVersionUID = 1L;

    public MailException(String message) {
        super(message);
    }

    public MailException(String message, Throwable cause) {
        super(message, cause);
    }
}
