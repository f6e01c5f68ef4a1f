package io.helmdesk.auth.impl.internal;

/**
 * A message to a person cannot be sent now: no mail service or SMTP configuration, an SMTP server that refused, no
 * Telegram bot or a Bot API that failed. HTTP 503.
 */
public class DeliveryUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public DeliveryUnavailableException(String message) {
        super(message);
    }
}
