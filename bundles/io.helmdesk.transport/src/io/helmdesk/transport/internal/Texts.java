package io.helmdesk.transport.internal;

/** Short strings for log lines and close reasons. */
final class Texts {

    private Texts() {
    }

    static String shortened(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        return text.length() <= maxChars ? text : text.substring(0, maxChars) + "…";
    }
}
