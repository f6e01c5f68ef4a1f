package io.helmdesk.auth.impl.internal;

import java.util.Locale;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.mail.api.MailException;
import io.helmdesk.mail.api.MailService;

/**
 * This bundle's way to mail people. The mail service is optional: without it (or without SMTP configuration)
 * sign-in works on, and what needs a mail says it cannot send one.
 */
@Component(service = Mailer.class)
public class Mailer {

    static final String CANNOT_SEND = "This server cannot send e-mail yet: its administrator must configure it";

    private final Logger logger = LoggerFactory.getLogger(Mailer.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile MailService mail;

    /** @throws DeliveryUnavailableException if no mail can be sent now */
    void ensureAvailable() {
        available();
    }

    /** The mail service, if it can send now; read once, as it may go away at any moment. */
    private MailService available() {
        MailService current = mail;
        if (current == null || !current.isConfigured()) {
            throw new DeliveryUnavailableException(CANNOT_SEND);
        }
        return current;
    }

    /** @throws DeliveryUnavailableException if the mail could not be sent; the reason goes to the log, not the caller */
    void send(String to, String template, Locale locale, Map<String, String> values) {
        MailService current = available();
        try {
            current.send(to, template, locale, values);
        } catch (MailException e) {
            logger.warn("{}", e.getMessage());
            throw new DeliveryUnavailableException("The server could not send the e-mail; try again later");
        }
    }
}
