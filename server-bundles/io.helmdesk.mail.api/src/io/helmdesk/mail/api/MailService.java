package io.helmdesk.mail.api;

import java.util.Locale;
import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/** Sends templated, localised e-mail through the server's SMTP relay. */
@ProviderType
public interface MailService {

    /** False until {@code etc/io.helmdesk.mail.cfg} names an SMTP server. */
    boolean isConfigured();

    /**
     * Renders a template in the recipient's language (English when there is no translation) and sends it.
     *
     * @param template the template's name, e.g. "registration"
     * @param values what the template's {@code {{placeholders}}} become
     * @throws MailException if the mail could not be handed to the SMTP server; the message says why
     */
    void send(String to, String template, Locale locale, Map<String, String> values) throws MailException;
}
