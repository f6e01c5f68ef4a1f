package io.helmdesk.auth.impl.internal;

/** No mail can be sent now (no mail service, no SMTP configuration, or the SMTP server refused): HTTP 503. */
public class MailUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public MailUnavailableException(String message) {
        super(message);
    }
}
