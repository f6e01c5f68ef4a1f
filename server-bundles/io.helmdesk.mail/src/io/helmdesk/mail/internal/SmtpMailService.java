package io.helmdesk.mail.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.helmdesk.mail.api.MailException;
import io.helmdesk.mail.api.MailService;

/**
 * {@link MailService} over SMTP with Jakarta Mail: STARTTLS required by default, TLS or none on request, server
 * certificates checked. Templates come from this bundle's {@code templates/<name>.<language>.txt}.
 */
@Component(configurationPid = MailConfiguration.PID)
@Designate(ocd = MailConfiguration.class)
public class SmtpMailService implements MailService {

    private final Logger logger = LoggerFactory.getLogger(SmtpMailService.class);
    private final String defaultPublicUrl;
    private volatile MailConfiguration configuration;

    @Activate
    public SmtpMailService(BundleContext context, MailConfiguration configuration) {
        String host;
        try {
            host = InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        String port = context.getProperty("org.osgi.service.http.port");
        this.defaultPublicUrl = "http://" + host + ":" + (port == null ? "8080" : port);
        configure(configuration);
    }

    /** Where people reach this server, for links: public_url, or this host and HTTP port. */
    private String publicUrl(MailConfiguration current) {
        String configured = current.public_url().strip();
        return configured.isEmpty()
                ? defaultPublicUrl
                : configured.endsWith("/") ? configured.substring(0, configured.length() - 1) : configured;
    }

    @Modified
    void configure(MailConfiguration newConfiguration) {
        this.configuration = newConfiguration;
        if (newConfiguration.host().isBlank()) {
            logger.info("No SMTP server configured (etc/{}.cfg): the server sends no e-mail", MailConfiguration.PID);
        }
    }

    @Override
    public boolean isConfigured() {
        MailConfiguration current = configuration;
        return current != null && !current.host().isBlank() && !current.from().isBlank();
    }

    @Override
    public void send(String to, String template, Locale locale, Map<String, String> values) throws MailException {
        MailConfiguration current = configuration;
        if (!isConfigured()) {
            throw new MailException("This server cannot send e-mail: set host and from in etc/" + MailConfiguration.PID
                    + ".cfg");
        }
        Map<String, String> all = new HashMap<>(values);
        all.putIfAbsent("server", publicUrl(current));
        MailTemplate filled = load(template, locale).fill(all);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try {
            // Jakarta Mail finds its providers through the context class loader.
            Thread.currentThread().setContextClassLoader(Session.class.getClassLoader());
            Properties properties = properties(current);
            if (!current.trust_certificates().isBlank()) {
                String protocol = properties.getProperty("mail.transport.protocol");
                properties.put("mail." + protocol + ".ssl.socketFactory",
                        trusting(Path.of(current.trust_certificates().strip())));
            }
            Session session = Session.getInstance(properties, authenticator(current));
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(current.from(), current.from_name(), StandardCharsets.UTF_8.name()));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(filled.subject(), StandardCharsets.UTF_8.name());
            message.setText(filled.body(), StandardCharsets.UTF_8.name());
            message.setHeader("Auto-Submitted", "auto-generated");
            Transport.send(message);
            logger.info("Sent '{}' mail to {}", template, to);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailException("The mail to " + to + " could not be sent through " + current.host() + ":"
                    + current.port() + ": " + e.getMessage() + rootCause(e), e);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    static Properties properties(MailConfiguration configuration) {
        Properties properties = new Properties();
        String timeout = String.valueOf(configuration.timeout_seconds() * 1000);
        boolean tls = configuration.security().equalsIgnoreCase("tls");
        String protocol = tls ? "smtps" : "smtp";
        properties.put("mail.transport.protocol", protocol);
        // Transport.send picks the transport by address type (rfc822 → smtp): without this, TLS would be ignored.
        properties.put("mail.transport.protocol.rfc822", protocol);
        properties.put("mail." + protocol + ".host", configuration.host());
        properties.put("mail." + protocol + ".port", String.valueOf(configuration.port()));
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        properties.put("mail." + protocol + ".auth", String.valueOf(!configuration.user().isBlank()));
        switch (configuration.security().toLowerCase(Locale.ROOT)) {
            case "tls" -> properties.put("mail.smtps.ssl.checkserveridentity", "true");
            case "none" -> {
                // a local relay on a trusted network
            }
            default -> {
                properties.put("mail.smtp.starttls.enable", "true");
                properties.put("mail.smtp.starttls.required", "true");
                properties.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return properties;
    }

    /** The innermost reason (a certificate refused, a connection reset), which the admin needs to see. */
    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == failure || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
    }

    /** TLS sockets that trust exactly the certificates of a PEM file (also for the STARTTLS upgrade). */
    static SSLSocketFactory trusting(Path pemFile) throws MailException {
        try (InputStream in = Files.newInputStream(pemFile)) {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int index = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trusted.setCertificateEntry("trusted-" + index++, certificate);
            }
            if (index == 0) {
                throw new MailException("trust.certificates " + pemFile + " holds no certificate");
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new MailException("trust.certificates " + pemFile + " cannot be used: " + e.getMessage(), e);
        }
    }

    private static Authenticator authenticator(MailConfiguration configuration) {
        if (configuration.user().isBlank()) {
            return null;
        }
        return new Authenticator() {

            @Override
            protected PasswordAuthentication getPasswordAuthentication() {
                return new PasswordAuthentication(configuration.user(), configuration._password());
            }
        };
    }

    private static MailTemplate load(String template, Locale locale) throws MailException {
        for (String language : new String[]{locale == null ? "en" : locale.getLanguage(), "en"}) {
            URL resource = SmtpMailService.class.getResource("/templates/" + template + "." + language + ".txt");
            if (resource != null) {
                try (InputStream in = resource.openStream()) {
                    return MailTemplate.parse(template, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new MailException("Template " + template + " could not be read", e);
                }
            }
        }
        throw new MailException("No mail template " + template);
    }
}
