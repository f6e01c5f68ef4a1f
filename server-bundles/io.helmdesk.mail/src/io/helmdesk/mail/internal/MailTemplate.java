package io.helmdesk.mail.internal;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message template: a first line {@code Subject: …}, a blank line, then the body. {@code {{name}}} is replaced by
 * the value of that name; a name without value is an error, so that no mail leaves half-filled.
 */
record MailTemplate(String subject, String body) {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-zA-Z]+)}}");

    static MailTemplate parse(String name, String text) {
        String normalized = text.replace("\r\n", "\n");
        if (!normalized.startsWith("Subject: ") || !normalized.contains("\n\n")) {
            throw new IllegalArgumentException("Template " + name + " must start with 'Subject: ' and a blank line");
        }
        int end = normalized.indexOf('\n');
        return new MailTemplate(normalized.substring("Subject: ".length(), end).strip(),
                normalized.substring(normalized.indexOf("\n\n") + 2));
    }

    MailTemplate fill(Map<String, String> values) {
        return new MailTemplate(replace(subject, values), replace(body, values));
    }

    private static String replace(String text, Map<String, String> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder filled = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for {{" + matcher.group(1) + "}}");
            }
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(filled);
        return filled.toString();
    }
}
